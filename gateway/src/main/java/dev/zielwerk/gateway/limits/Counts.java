package dev.zielwerk.gateway.limits;

/**
 * Saturating arithmetic for non-negative counts: a measure that would overflow stays at
 * the maximum, which is over every limit.
 */
final class Counts {

	private Counts() {
	}

	static long add(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

	static int add(int a, int b) {
		int sum = a + b;
		return (sum < 0) ? Integer.MAX_VALUE : sum;
	}

	static long multiply(long a, long b) {
		if (a == 0 || b == 0) {
			return 0;
		}
		return (a > Long.MAX_VALUE / b) ? Long.MAX_VALUE : a * b;
	}

}
