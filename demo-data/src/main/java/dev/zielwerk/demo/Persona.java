package dev.zielwerk.demo;

/**
 * How a demo person behaves; each one is built so that some segment of the demo set has
 * members: the weights are their share of the population and of the event budget.
 */
public enum Persona {

	/** Views pages and products, never buys. */
	BROWSER(35, 1.0),

	/** Bought exactly once. */
	ONE_TIME_BUYER(18, 0.8),

	/** Buys now and then, over the whole period. */
	REPEAT_BUYER(19, 1.5),

	/** Buys often and big: over 1,000 in revenue within a year. */
	VIP(4, 2.5),

	/**
	 * Bought four to six times within a few weeks, then went quiet at least 8 days ago.
	 */
	LAPSING_FREQUENT_BUYER(4, 1.0),

	/** Opens most newsletters, never buys. */
	READER(12, 0.8),

	/** Bought months ago, still reads the newsletter: the reactivation audience. */
	LAPSED_BUYER(8, 0.8);

	private final int share;

	private final double budget;

	Persona(int share, double budget) {
		this.share = share;
		this.budget = budget;
	}

	int share() {
		return this.share;
	}

	/** Relative number of events. */
	double budget() {
		return this.budget;
	}

	static Persona pick(int roll) {
		int total = 0;
		for (Persona persona : values()) {
			total += persona.share;
			if (roll < total) {
				return persona;
			}
		}
		return BROWSER;
	}

	static int totalShare() {
		int total = 0;
		for (Persona persona : values()) {
			total += persona.share;
		}
		return total;
	}

	static double meanBudget() {
		double sum = 0;
		for (Persona persona : values()) {
			sum += persona.share * persona.budget;
		}
		return sum / totalShare();
	}

}
