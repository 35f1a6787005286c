package dev.zielwerk.demo;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Generates the demo population: people with addresses in Germany, Austria, Switzerland
 * and elsewhere, some of them B2B contacts with company size and industry, consent for
 * e-mail, ads, analytics and personalisation (some e-mail consents later withdrawn), and
 * their page views, product views, carts, orders with revenue and e-mail delivered /
 * opened / clicked events over the last {@code days} days, as Segment-spec messages.
 * <p>
 * Each person comes from their own random stream seeded by the seed and their index, so
 * the same seed and end instant give the same population, person by person, in any order
 * and at any scale (millions are generated lazily).
 */
public final class DemoPopulation {

	private static final String[][] COUNTRIES = { { "DE", "40", "Berlin", "Hamburg", "München", "Köln", "Leipzig" },
			{ "AT", "14", "Wien", "Graz", "Linz", "Salzburg" }, { "CH", "14", "Zürich", "Bern", "Basel", "Genève" },
			{ "NL", "6", "Amsterdam", "Utrecht" }, { "FR", "6", "Paris", "Lyon" }, { "IT", "5", "Milano", "Roma" },
			{ "PL", "4", "Warszawa", "Kraków" }, { "GB", "4", "London", "Manchester" },
			{ "US", "4", "New York", "Chicago" }, { "ES", "3", "Madrid", "Barcelona" } };

	private static final String[] GERMAN_FIRST = { "Anna", "Lukas", "Sophie", "Jonas", "Marie", "Felix", "Lea", "Paul",
			"Hannah", "Maximilian", "Lena", "Elias", "Mia", "Tobias", "Katharina", "Jürgen", "Sabine", "Ursula" };

	private static final String[] GERMAN_LAST = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
			"Wagner", "Becker", "Hofer", "Gruber", "Huber", "Steiner", "Keller", "Brunner", "Baumann", "Weiß" };

	private static final String[] OTHER_FIRST = { "Emma", "Liam", "Olivia", "Noah", "Chloé", "Luca", "Giulia", "Jan",
			"Zofia", "Daan", "Lucía", "Oliver", "Amelia", "Hugo" };

	private static final String[] OTHER_LAST = { "Smith", "de Vries", "Martin", "Rossi", "Kowalski", "García", "Jansen",
			"Bernard", "Bianchi", "Nowak", "Johnson", "Fernández" };

	private static final String[] MAIL_PROVIDERS = { "web.example", "gmx.example", "mail.example", "post.example" };

	/** What people are interested in; product categories follow them. */
	static final String[] INTERESTS = { "outdoor", "fashion", "tech", "home", "sports", "beauty" };

	private static final String[] INDUSTRIES = { "Manufacturing", "Retail", "Software", "Logistics", "Healthcare",
			"Financial Services", "Automotive", "Energy" };

	private static final String[] COMPANY_WORDS = { "Alpen", "Nord", "Rhein", "Donau", "Berg", "Tal", "Stern",
			"Brücken", "Werk", "Kontor" };

	private static final String[] COMPANY_FORMS = { "GmbH", "AG", "KG", "GmbH & Co. KG", "SE" };

	private final DemoSettings settings;

	private final Instant end;

	private final double eventsPerBudgetUnit;

	/**
	 * @param settings how many people and events, over how many days, with which seed
	 * @param end the instant the history ends at (usually now); events lie before it
	 */
	public DemoPopulation(DemoSettings settings, Instant end) {
		this.settings = settings;
		this.end = end.truncatedTo(ChronoUnit.SECONDS);
		// a budget factor's mean is Persona.meanBudget() times E[exp(0.5 g)] = exp(0.125)
		this.eventsPerBudgetUnit = (double) settings.events() / settings.profiles()
				/ (Persona.meanBudget() * Math.exp(0.125));
	}

	public DemoSettings settings() {
		return this.settings;
	}

	public Instant end() {
		return this.end;
	}

	/** Every person, lazily, in index order. */
	public Stream<DemoPerson> people() {
		return IntStream.range(0, this.settings.profiles()).mapToObj(this::person);
	}

	/** The person at an index, the same every time for the same seed and end. */
	public DemoPerson person(int index) {
		SplittableRandom random = new SplittableRandom(mix(this.settings.seed(), index));
		return new PersonBuilder(index, random).build();
	}

	private static long mix(long seed, int index) {
		long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** Builds one person's messages from their random stream. */
	private final class PersonBuilder {

		private final int index;

		private final SplittableRandom random;

		private final Persona persona;

		private final List<Timed> events = new ArrayList<>();

		private final String userId;

		private final List<String> interests = new ArrayList<>();

		private final Instant start;

		PersonBuilder(int index, SplittableRandom random) {
			this.index = index;
			this.random = random;
			this.persona = Persona.pick(random.nextInt(Persona.totalShare()));
			this.userId = "demo-" + index;
			this.start = DemoPopulation.this.end.minus(Duration.ofDays(DemoPopulation.this.settings.days()));
		}

		DemoPerson build() {
			String[] country = pickCountry();
			boolean german = "DE".equals(country[0]) || "AT".equals(country[0]) || "CH".equals(country[0]);
			String first = pick(german ? GERMAN_FIRST : OTHER_FIRST);
			String last = pick(german ? GERMAN_LAST : OTHER_LAST);
			String email = ascii(first) + "." + ascii(last) + this.index + "@" + pick(MAIL_PROVIDERS);
			int interestCount = 1 + this.random.nextInt(3);
			while (this.interests.size() < interestCount) {
				String interest = pick(INTERESTS);
				if (!this.interests.contains(interest)) {
					this.interests.add(interest);
				}
			}
			boolean emailConsent = switch (this.persona) {
				case READER, LAPSED_BUYER, VIP -> this.random.nextDouble() < 0.95;
				default -> this.random.nextDouble() < 0.65;
			};
			long budget = budget();
			long emailBudget = Math.round(budget * emailShare(emailConsent));
			long orderEvents = orders(budget - emailBudget);
			emails(emailBudget);
			browsing(budget - emailBudget - orderEvents);

			this.events.sort(Comparator.comparing(Timed::at));
			Instant firstSeen = this.events.isEmpty() ? sessionWindow()[0] : this.events.get(0).at();
			List<Timed> messages = new ArrayList<>();
			String anonymousId = null;
			if (this.random.nextDouble() < 0.3) {
				// a first visit before signing in; the identify call then links (merges)
				// the two
				anonymousId = "anon-" + Long.toHexString(this.random.nextLong());
				Map<String, Object> visit = page("Home", "/");
				visit.remove("userId");
				visit.put("anonymousId", anonymousId);
				messages.add(new Timed(firstSeen.minus(Duration.ofHours(2)), visit));
			}
			Map<String, Object> identify = message("identify");
			if (anonymousId != null) {
				identify.put("anonymousId", anonymousId);
			}
			identify.put("traits", traits(first, last, email, country));
			identify.put("context", consentContext(emailConsent, german ? country[0] : "EN"));
			Instant identifiedAt = firstSeen.minus(Duration.ofMinutes(1));
			messages.add(new Timed(identifiedAt, identify));
			messages.addAll(this.events);
			if (emailConsent && this.random.nextDouble() < 0.1) {
				messages.add(withdrawal(identifiedAt));
			}
			messages.sort(Comparator.comparing(Timed::at));
			List<Map<String, Object>> sent = new ArrayList<>(messages.size());
			for (int i = 0; i < messages.size(); i++) {
				Map<String, Object> body = messages.get(i).body();
				body.put("messageId", "demo-" + DemoPopulation.this.settings.seed() + "-" + this.index + "-" + i);
				body.put("timestamp", messages.get(i).at().toString());
				sent.add(body);
			}
			return new DemoPerson(this.index, this.userId, email, this.persona, country[0], List.copyOf(sent));
		}

		private long budget() {
			if (DemoPopulation.this.settings.events() == 0) {
				return 0;
			}
			double factor = Math.exp(0.5 * this.random.nextGaussian());
			return Math.max(4, Math.round(DemoPopulation.this.eventsPerBudgetUnit * this.persona.budget() * factor));
		}

		private double emailShare(boolean consent) {
			return switch (this.persona) {
				case READER -> 0.85;
				case LAPSED_BUYER -> 0.5;
				default -> consent ? 0.25 : 0;
			};
		}

		/** Sessions with an order (view, cart, order); returns the events used. */
		private long orders(long available) {
			int orders = switch (this.persona) {
				case BROWSER, READER -> 0;
				case ONE_TIME_BUYER -> 1;
				case REPEAT_BUYER -> 2 + this.random.nextInt(5);
				case VIP -> 6 + this.random.nextInt(10);
				case LAPSING_FREQUENT_BUYER -> 4 + this.random.nextInt(3);
				case LAPSED_BUYER -> 1 + this.random.nextInt(3);
			};
			if (DemoPopulation.this.settings.events() == 0) {
				return 0;
			}
			Instant[] window = orderWindow();
			for (int i = 0; i < orders; i++) {
				Instant at = between(window[0], window[1]);
				String category = pick(this.interests);
				String product = category + "-" + (100 + this.random.nextInt(900));
				double price = (this.persona == Persona.VIP) ? 180 + this.random.nextInt(470)
						: 15 + this.random.nextInt(165);
				price += this.random.nextInt(100) / 100.0;
				this.events.add(new Timed(at.minus(Duration.ofMinutes(6)), productViewed(product, category, price)));
				this.events.add(new Timed(at.minus(Duration.ofMinutes(3)), productAdded(product, category, price)));
				this.events.add(new Timed(at, orderCompleted(product, category, price)));
			}
			return Math.min(available, 3L * orders);
		}

		private void emails(long budget) {
			Instant[] window = emailWindow();
			double open = switch (this.persona) {
				case READER -> 0.65;
				case LAPSED_BUYER -> 0.55;
				default -> 0.25;
			};
			long left = budget;
			while (left > 0) {
				Instant at = between(window[0], window[1]);
				String campaign = "newsletter-" + at.toString().substring(0, 10);
				this.events.add(new Timed(at, email("Email Delivered", campaign)));
				left--;
				if (left > 0 && this.random.nextDouble() < open) {
					Instant opened = min(at.plus(Duration.ofMinutes(5 + this.random.nextInt(2000))), window[1]);
					this.events.add(new Timed(opened, email("Email Opened", campaign)));
					left--;
					if (left > 0 && this.random.nextDouble() < 0.35) {
						this.events
							.add(new Timed(opened.plus(Duration.ofSeconds(20)), email("Email Clicked", campaign)));
						left--;
					}
				}
			}
		}

		/**
		 * Sessions without an order: pages, product views, now and then an abandoned
		 * cart.
		 */
		private void browsing(long budget) {
			Instant[] window = sessionWindow();
			long left = budget;
			while (left > 0) {
				Instant at = between(window[0], window[1]);
				this.events.add(new Timed(at, page("Home", "/")));
				left--;
				int views = 1 + this.random.nextInt(4);
				for (int i = 0; i < views && left > 0; i++) {
					String category = pick(this.interests);
					String product = category + "-" + (100 + this.random.nextInt(900));
					double price = 10 + this.random.nextInt(200) + this.random.nextInt(100) / 100.0;
					at = at.plus(Duration.ofSeconds(30 + this.random.nextInt(120)));
					this.events.add(new Timed(at, productViewed(product, category, price)));
					left--;
					if (left > 0 && this.random.nextDouble() < 0.08) {
						this.events
							.add(new Timed(at.plus(Duration.ofSeconds(40)), productAdded(product, category, price)));
						left--;
					}
				}
			}
		}

		private Instant[] sessionWindow() {
			Instant end = DemoPopulation.this.end;
			return switch (this.persona) {
				case LAPSING_FREQUENT_BUYER ->
					new Instant[] { end.minus(Duration.ofDays(26)), end.minus(Duration.ofDays(9)) };
				case LAPSED_BUYER -> new Instant[] { this.start, end.minus(Duration.ofDays(100)) };
				default -> new Instant[] { this.start, end.minus(Duration.ofMinutes(10)) };
			};
		}

		private Instant[] orderWindow() {
			if (this.persona == Persona.VIP) {
				// inside the rule's 365-day window whatever the history's length
				Instant from = DemoPopulation.this.end.minus(Duration.ofDays(300));
				return new Instant[] { from.isAfter(this.start) ? from : this.start,
						DemoPopulation.this.end.minus(Duration.ofMinutes(10)) };
			}
			return sessionWindow();
		}

		private Instant[] emailWindow() {
			Instant end = DemoPopulation.this.end;
			return switch (this.persona) {
				case LAPSED_BUYER ->
					new Instant[] { end.minus(Duration.ofDays(60)), end.minus(Duration.ofMinutes(10)) };
				// nothing after the last purchase spree, so they stay inactive
				case LAPSING_FREQUENT_BUYER -> sessionWindow();
				default -> new Instant[] { this.start, end.minus(Duration.ofMinutes(10)) };
			};
		}

		private Timed withdrawal(Instant identifiedAt) {
			Instant last = this.events.isEmpty() ? identifiedAt.plus(Duration.ofDays(1))
					: this.events.get(this.events.size() - 1).at();
			Instant from = identifiedAt.plus(Duration.ofHours(1));
			Instant at = last.isAfter(from) ? between(from, last) : from;
			Map<String, Object> identify = message("identify");
			identify.put("context", Map.of("consent", Map.of("categoryPreferences", Map.of("email", false))));
			return new Timed(at, identify);
		}

		private Map<String, Object> traits(String first, String last, String email, String[] country) {
			Map<String, Object> traits = new LinkedHashMap<>();
			traits.put("email", email);
			traits.put("firstName", first);
			traits.put("lastName", last);
			traits.put("age", 18 + this.random.nextInt(58));
			traits.put("address",
					Map.of("country", country[0], "city", country[2 + this.random.nextInt(country.length - 2)]));
			traits.put("interests", List.copyOf(this.interests));
			if (this.random.nextDouble() < 0.15) {
				traits.put("company", company());
			}
			return traits;
		}

		private Map<String, Object> company() {
			double size = this.random.nextDouble();
			int employees = (size < 0.5) ? 5 + this.random.nextInt(45)
					: (size < 0.8) ? 50 + this.random.nextInt(200) : 250 + this.random.nextInt(4750);
			return Map.of("name",
					pick(COMPANY_WORDS) + pick(COMPANY_WORDS).toLowerCase(Locale.ROOT) + " " + pick(COMPANY_FORMS),
					"industry", pick(INDUSTRIES), "employee_count", employees);
		}

		private Map<String, Object> consentContext(boolean email, String language) {
			Map<String, Object> preferences = new LinkedHashMap<>();
			preferences.put("email", email);
			preferences.put("advertising", this.random.nextDouble() < 0.5);
			preferences.put("analytics", this.random.nextDouble() < 0.85);
			preferences.put("personalization", this.random.nextDouble() < 0.6);
			String locale = switch (language) {
				case "DE" -> "de-DE";
				case "AT" -> "de-AT";
				case "CH" -> "de-CH";
				default -> "en-GB";
			};
			return Map.of("consent", Map.of("categoryPreferences", preferences), "locale", locale);
		}

		private Map<String, Object> page(String name, String path) {
			Map<String, Object> page = message("page");
			page.put("name", name);
			page.put("properties", Map.of("path", path, "url", "https://shop.example" + path));
			return page;
		}

		private Map<String, Object> productViewed(String product, String category, double price) {
			return track("Product Viewed", Map.of("product_id", product, "category", category, "price", price));
		}

		private Map<String, Object> productAdded(String product, String category, double price) {
			return track("Product Added",
					Map.of("product_id", product, "category", category, "price", price, "quantity", 1));
		}

		private Map<String, Object> orderCompleted(String product, String category, double price) {
			String orderId = "o-" + this.index + "-" + Long.toHexString(this.random.nextLong() & 0xffffffffL);
			return track("Order Completed", Map.of("order_id", orderId, "revenue", price, "currency", "EUR", "products",
					List.of(Map.of("product_id", product, "category", category, "price", price))));
		}

		private Map<String, Object> email(String event, String campaign) {
			return track(event, Map.of("campaign", campaign, "channel", "newsletter"));
		}

		private Map<String, Object> track(String event, Map<String, Object> properties) {
			Map<String, Object> track = message("track");
			track.put("event", event);
			track.put("properties", properties);
			return track;
		}

		private Map<String, Object> message(String type) {
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("type", type);
			message.put("userId", this.userId);
			return message;
		}

		private String[] pickCountry() {
			int roll = this.random.nextInt(100);
			int total = 0;
			for (String[] country : COUNTRIES) {
				total += Integer.parseInt(country[1]);
				if (roll < total) {
					return country;
				}
			}
			return COUNTRIES[0];
		}

		private Instant between(Instant from, Instant to) {
			long seconds = Math.max(1, Duration.between(from, to).toSeconds());
			return from.plusSeconds(this.random.nextLong(seconds));
		}

		private String pick(String[] values) {
			return values[this.random.nextInt(values.length)];
		}

		private String pick(List<String> values) {
			return values.get(this.random.nextInt(values.size()));
		}

	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	/** Lower-case ASCII for an e-mail local part: Jürgen Weiß becomes juergen.weiss. */
	static String ascii(String name) {
		String replaced = name.replace("ä", "ae")
			.replace("ö", "oe")
			.replace("ü", "ue")
			.replace("Ä", "Ae")
			.replace("Ö", "Oe")
			.replace("Ü", "Ue")
			.replace("ß", "ss");
		String plain = Normalizer.normalize(replaced, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	/** A message and when it happened. */
	private record Timed(Instant at, Map<String, Object> body) {
	}

}
