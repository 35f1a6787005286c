package dev.zielwerk.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Builds Segment-spec batches for one worker's share of a simulated population. Each
 * person browses on one to three devices, anonymously until an identify on that device
 * links the anonymous id to the user id; a person identified on a second device makes two
 * anonymous profiles merge. Workers own disjoint people, so one person's messages leave
 * in order.
 */
final class EventGenerator {

	private static final String[] CATEGORIES = { "Shoes", "Jackets", "Bags", "Accessories", "Outdoor" };

	private static final String[] BRANDS = { "Nordkap", "Fjellstad", "Alpenglut", "Weserwerk" };

	private static final String[] PAGES = { "/", "/sale", "/category/shoes", "/category/jackets", "/cart", "/account" };

	private static final String[] USER_AGENTS = {
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
			"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
			"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
			"Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
			"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0" };

	private static final String[] COUNTRIES = { "DE", "AT", "CH", "NL", "FR" };

	private static final String[] CITIES = { "Berlin", "Wien", "Zürich", "Utrecht", "Lyon" };

	private static final String[] INDUSTRIES = { "Retail", "Software", "Manufacturing", "Healthcare" };

	private final SplittableRandom random;

	private final List<Device> devices = new ArrayList<>();

	EventGenerator(int worker, int workers, int users, long seed) {
		this.random = new SplittableRandom(seed * 31 + worker);
		SplittableRandom deviceRandom = new SplittableRandom(seed);
		for (int user = 0; user < users; user++) {
			int count = 1 + deviceRandom.nextInt(3);
			for (int device = 0; device < count; device++) {
				// random (version 4) ids, the same for every worker given the seed: every
				// worker draws every device's values, also those of devices it does not
				// own,
				// so all walk the same sequence and no two people share a device id
				UUID anonymousId = new UUID((deviceRandom.nextLong() & ~0xF000L) | 0x4000L,
						(deviceRandom.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
				String userAgent = USER_AGENTS[deviceRandom.nextInt(USER_AGENTS.length)];
				if (user % workers == worker) {
					this.devices.add(new Device(user, anonymousId, userAgent));
				}
			}
		}
	}

	/** The body of one {@code /v1/batch} request. */
	Map<String, Object> batch(int size) {
		List<Map<String, Object>> messages = new ArrayList<>(size);
		String sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
		for (int i = 0; i < size; i++) {
			messages.add(message(this.devices.get(this.random.nextInt(this.devices.size()))));
		}
		Map<String, Object> batch = new LinkedHashMap<>();
		batch.put("batch", messages);
		batch.put("sentAt", sentAt);
		return batch;
	}

	private Map<String, Object> message(Device device) {
		int roll = this.random.nextInt(100);
		if ((!device.identified && roll < 15) || roll < 5) {
			device.identified = true;
			return identify(device);
		}
		if (roll < 60) {
			return track(device, "Product Viewed", product());
		}
		if (roll < 72) {
			return track(device, "Product Added", product());
		}
		if (roll < 80) {
			return track(device, "Order Completed", order());
		}
		return page(device);
	}

	private Map<String, Object> identify(Device device) {
		Map<String, Object> message = base("identify", device);
		Map<String, Object> traits = new LinkedHashMap<>();
		int user = device.user;
		traits.put("email", "Person." + user + "@Example.com ");
		traits.put("firstName", "Person");
		traits.put("lastName", "No" + user);
		traits.put("phone", "+49 30 " + (1_000_000 + user));
		traits.put("plan", (user % 4 == 0) ? "premium" : "free");
		traits.put("address",
				Map.of("city", CITIES[user % CITIES.length], "country", COUNTRIES[user % COUNTRIES.length]));
		traits.put("company", Map.of("name", "Firma " + (user % 500), "industry", INDUSTRIES[user % INDUSTRIES.length],
				"employee_count", 10 + (user % 500) * 7));
		traits.put("interests", List.of(CATEGORIES[user % CATEGORIES.length], "sustainability"));
		message.put("traits", traits);
		return message;
	}

	private Map<String, Object> track(Device device, String event, Map<String, Object> properties) {
		Map<String, Object> message = base("track", device);
		message.put("event", event);
		message.put("properties", properties);
		return message;
	}

	private Map<String, Object> page(Device device) {
		Map<String, Object> message = base("page", device);
		String path = PAGES[this.random.nextInt(PAGES.length)];
		message.put("name", path.equals("/") ? "Home" : path.substring(path.lastIndexOf('/') + 1));
		message.put("properties", Map.of("path", path, "url", "https://shop.example.com" + path, "referrer",
				"https://www.google.com/", "title", "Shop " + path));
		return message;
	}

	private Map<String, Object> base(String type, Device device) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", type);
		message.put("messageId", UUID.randomUUID().toString());
		message.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
		message.put("anonymousId", device.anonymousId.toString());
		if (device.identified) {
			message.put("userId", "user-" + device.user);
		}
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("ip", "203.0.113." + (device.user % 250 + 1));
		context.put("locale", "de-DE");
		context.put("userAgent", device.userAgent);
		context.put("library", Map.of("name", "analytics.js", "version", "5.2.0"));
		context.put("page", Map.of("path", "/", "url", "https://shop.example.com/", "title", "Shop"));
		message.put("context", context);
		return message;
	}

	private Map<String, Object> product() {
		int id = this.random.nextInt(2_000);
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("product_id", "P-" + id);
		product.put("sku", "SKU-" + (100_000 + id));
		product.put("category", CATEGORIES[id % CATEGORIES.length]);
		product.put("name", "Product " + id);
		product.put("brand", BRANDS[id % BRANDS.length]);
		product.put("variant", (id % 2 == 0) ? "black" : "blue");
		product.put("price", Math.round((9.99 + id % 200) * 100) / 100.0);
		product.put("currency", "EUR");
		product.put("quantity", 1);
		return product;
	}

	private Map<String, Object> order() {
		int items = 1 + this.random.nextInt(4);
		List<Map<String, Object>> products = new ArrayList<>(items);
		double total = 0;
		for (int i = 0; i < items; i++) {
			Map<String, Object> product = product();
			total += (Double) product.get("price");
			products.add(product);
		}
		double revenue = Math.round(total * 100) / 100.0;
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("order_id", "O-" + UUID.randomUUID().toString().substring(0, 13));
		order.put("total", revenue);
		order.put("revenue", revenue);
		order.put("shipping", 4.95);
		order.put("tax", Math.round(revenue * 0.19 * 100) / 100.0);
		order.put("currency", "EUR");
		order.put("products", products);
		return order;
	}

	/** One browser or app install of a person; mutable, owned by one worker. */
	private static final class Device {

		final int user;

		final UUID anonymousId;

		final String userAgent;

		boolean identified;

		Device(int user, UUID anonymousId, String userAgent) {
			this.user = user;
			this.anonymousId = anonymousId;
			this.userAgent = userAgent;
		}

	}

}
