package dev.zielwerk.segment.rule;

import java.util.Arrays;
import java.util.Optional;

/** The comparators of the rule language ({@code COMPARATOR} in RULES.md). */
public enum ComparisonOperator {

	/** {@code =}. */
	EQ("="),

	/** {@code !=}. */
	NE("!="),

	/** {@code <}. */
	LT("<"),

	/** {@code <=}. */
	LE("<="),

	/** {@code >}. */
	GT(">"),

	/** {@code >=}. */
	GE(">=");

	private final String symbol;

	ComparisonOperator(String symbol) {
		this.symbol = symbol;
	}

	/**
	 * How the comparator is written.
	 * @return the symbol, such as {@code >=}
	 */
	public String symbol() {
		return this.symbol;
	}

	/**
	 * Whether the comparator only asks for (in)equality, the only ones booleans allow.
	 * @return true for {@code =} and {@code !=}
	 */
	public boolean isEquality() {
		return this == EQ || this == NE;
	}

	static Optional<ComparisonOperator> fromSymbol(String symbol) {
		return Arrays.stream(values()).filter((operator) -> operator.symbol.equals(symbol)).findFirst();
	}

}
