package dev.zielwerk.segment.rule;

import java.util.Arrays;
import java.util.Optional;

/**
 * The arithmetic operators; {@code *} and {@code /} bind tighter than {@code +} and
 * {@code -}.
 */
public enum ArithmeticOperator {

	/** {@code +}. */
	PLUS("+", 1),

	/** {@code -}. */
	MINUS("-", 1),

	/** {@code *}. */
	TIMES("*", 2),

	/** {@code /}: division by zero gives a missing value. */
	DIVIDE("/", 2);

	private final String symbol;

	private final int precedence;

	ArithmeticOperator(String symbol, int precedence) {
		this.symbol = symbol;
		this.precedence = precedence;
	}

	/**
	 * How the operator is written.
	 * @return the symbol
	 */
	public String symbol() {
		return this.symbol;
	}

	int precedence() {
		return this.precedence;
	}

	static Optional<ArithmeticOperator> fromSymbol(String symbol) {
		return Arrays.stream(values()).filter((operator) -> operator.symbol.equals(symbol)).findFirst();
	}

}
