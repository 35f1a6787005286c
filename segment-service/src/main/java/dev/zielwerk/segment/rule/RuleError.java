package dev.zielwerk.segment.rule;

/**
 * One problem in a rule, in the form of RULES.md ("Errors").
 *
 * @param line the 1-based line
 * @param column the 1-based column
 * @param found the text at that place (empty at the end of the rule)
 * @param message what was expected there or why it is invalid
 */
public record RuleError(int line, int column, String found, String message) {

	static RuleError at(Position position, String found, String message) {
		return new RuleError(position.line(), position.column(), found, message);
	}

	/**
	 * Where the problem is.
	 * @return the position
	 */
	public Position position() {
		return new Position(this.line, this.column);
	}

	@Override
	public String toString() {
		return this.line + ":" + this.column + ": " + this.message;
	}

}
