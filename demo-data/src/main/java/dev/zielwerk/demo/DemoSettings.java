package dev.zielwerk.demo;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * How much demo data to make ({@code zielwerk.demo.*}).
 *
 * @param profiles how many people
 * @param events how many behavioural events in all (page views, product views, carts,
 * orders, e-mail delivered / opened / clicked), roughly: identify calls and consent
 * changes come on top
 * @param days over how many days before now the events spread
 * @param seed the generator's seed: the same seed gives the same people and events
 */
public record DemoSettings(int profiles, long events, int days, long seed) {

	public static final int DEFAULT_PROFILES = 10_000;

	public static final long DEFAULT_EVENTS = 500_000;

	public static final int DEFAULT_DAYS = 180;

	public static final long DEFAULT_SEED = 42;

	public DemoSettings {
		require(profiles > 0, "zielwerk.demo.profiles", profiles, "at least 1");
		require(events >= 0, "zielwerk.demo.events", events, "0 or more");
		require(days >= 120 && days <= 3650, "zielwerk.demo.days", days,
				"between 120 (the lapsed buyers' history needs it) and 3650");
	}

	public static DemoSettings defaults() {
		return new DemoSettings(DEFAULT_PROFILES, DEFAULT_EVENTS, DEFAULT_DAYS, DEFAULT_SEED);
	}

	/**
	 * Reads {@code zielwerk.demo.profiles}, {@code .events}, {@code .days} and
	 * {@code .seed} from a property source (unset ones keep their defaults).
	 */
	public static DemoSettings from(UnaryOperator<@Nullable String> properties) {
		return new DemoSettings((int) number(properties, "zielwerk.demo.profiles", DEFAULT_PROFILES),
				number(properties, "zielwerk.demo.events", DEFAULT_EVENTS),
				(int) number(properties, "zielwerk.demo.days", DEFAULT_DAYS),
				number(properties, "zielwerk.demo.seed", DEFAULT_SEED));
	}

	private static long number(UnaryOperator<@Nullable String> properties, String name, long fallback) {
		String value = properties.apply(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Long.parseLong(value.strip().replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, found \"" + value + "\"", ex);
		}
	}

	private static void require(boolean condition, String name, long value, String expected) {
		if (!condition) {
			throw new IllegalArgumentException(name + " must be " + expected + ", found " + value);
		}
	}

}
