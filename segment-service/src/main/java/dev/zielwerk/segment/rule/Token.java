package dev.zielwerk.segment.rule;

/**
 * A token of rule text.
 *
 * @param type the kind
 * @param text the raw source text
 * @param value the unescaped text of a string, the message of an error, else the raw text
 * @param line the 1-based line
 * @param column the 1-based column
 * @param depth how many brackets ( or [ enclose it; a closing bracket has the depth of
 * its opening one; used to resynchronise after an error
 */
record Token(Type type, String text, String value, int line, int column, int depth) {

	Position position() {
		return new Position(this.line, this.column);
	}

	boolean isWord(String word) {
		return this.type == Type.WORD && this.text.equals(word);
	}

	/** How the token is quoted in messages. */
	String describe() {
		return switch (this.type) {
			case END -> "end of rule";
			case STRING -> this.text;
			default -> "\"" + this.text + "\"";
		};
	}

	enum Type {

		WORD, STRING, NUMBER, DURATION, DATE, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT, PLUS, MINUS, STAR, SLASH,
		COMPARATOR, ERROR, END

	}

}
