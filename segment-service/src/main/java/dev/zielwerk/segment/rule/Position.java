package dev.zielwerk.segment.rule;

/**
 * A 1-based line and column in the rule text. A node's position is its distinctive token:
 * the operator of comparisons, predicates and arithmetic, the first
 * {@code and}/{@code or} of a conjunction or disjunction, the keyword of everything else,
 * the first token of references and literals.
 *
 * @param line the line, from 1
 * @param column the column, from 1
 */
public record Position(int line, int column) {

	/** Where errors about a rule without known positions are reported. */
	public static final Position START = new Position(1, 1);

	@Override
	public String toString() {
		return this.line + ":" + this.column;
	}

}
