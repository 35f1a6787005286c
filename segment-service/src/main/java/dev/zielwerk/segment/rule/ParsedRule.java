package dev.zielwerk.segment.rule;

/**
 * A rule that parsed: its tree and where each node was written.
 *
 * @param ast the tree
 * @param positions the source positions of its nodes
 */
public record ParsedRule(Condition ast, Positions positions) {

	/**
	 * A tree built in code, without positions.
	 * @param ast the tree
	 * @return the rule
	 */
	public static ParsedRule of(Condition ast) {
		return new ParsedRule(ast, Positions.none());
	}

}
