package dev.zielwerk.segment.rule;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits rule text into tokens. Never throws: a character sequence that is no token
 * becomes an {@link Token.Type#ERROR} token carrying its message, and lexing goes on
 * after it.
 */
final class RuleLexer {

	private static final Pattern DATE = Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?)?");

	private static final Pattern DURATION = Pattern.compile("(\\d+)([mhdw])");

	private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

	private final String text;

	private final List<Token> tokens = new ArrayList<>();

	private int offset;

	private int line = 1;

	private int lineStart;

	private int depth;

	private RuleLexer(String text) {
		this.text = text;
	}

	static List<Token> tokenize(String text) {
		RuleLexer lexer = new RuleLexer(text);
		lexer.run();
		return lexer.tokens;
	}

	private void run() {
		while (true) {
			skipBlanksAndComments();
			if (this.offset >= this.text.length()) {
				this.tokens.add(new Token(Token.Type.END, "", "", this.line, column(this.offset), this.depth));
				return;
			}
			scanToken();
		}
	}

	private void skipBlanksAndComments() {
		while (this.offset < this.text.length()) {
			char c = this.text.charAt(this.offset);
			if (c == '\n') {
				this.offset++;
				this.line++;
				this.lineStart = this.offset;
			}
			else if (Character.isWhitespace(c)) {
				this.offset++;
			}
			else if (this.text.startsWith("--", this.offset)) {
				while (this.offset < this.text.length() && this.text.charAt(this.offset) != '\n') {
					this.offset++;
				}
			}
			else {
				return;
			}
		}
	}

	private void scanToken() {
		int start = this.offset;
		char c = this.text.charAt(start);
		if (c == '"') {
			scanString(start);
		}
		else if (isDigit(c)) {
			scanNumeric(start);
		}
		else if (isNameStart(c)) {
			int end = start + 1;
			while (end < this.text.length() && isNamePart(this.text.charAt(end))) {
				end++;
			}
			add(Token.Type.WORD, start, end);
		}
		else {
			scanSymbol(start, c);
		}
	}

	private void scanSymbol(int start, char c) {
		switch (c) {
			case '(' -> addOpening(Token.Type.LPAREN, start);
			case '[' -> addOpening(Token.Type.LBRACKET, start);
			case ')' -> addClosing(Token.Type.RPAREN, start);
			case ']' -> addClosing(Token.Type.RBRACKET, start);
			case ',' -> add(Token.Type.COMMA, start, start + 1);
			case '.' -> add(Token.Type.DOT, start, start + 1);
			case '+' -> add(Token.Type.PLUS, start, start + 1);
			case '-' -> add(Token.Type.MINUS, start, start + 1);
			case '*' -> add(Token.Type.STAR, start, start + 1);
			case '/' -> add(Token.Type.SLASH, start, start + 1);
			case '=' -> {
				if (followedBy(start, '=')) {
					error(start, start + 2, "unexpected \"==\": compare with a single \"=\"");
				}
				else {
					add(Token.Type.COMPARATOR, start, start + 1);
				}
			}
			case '<', '>' -> add(Token.Type.COMPARATOR, start, start + (followedBy(start, '=') ? 2 : 1));
			case '!' -> {
				if (followedBy(start, '=')) {
					add(Token.Type.COMPARATOR, start, start + 2);
				}
				else {
					error(start, start + 1, "unexpected \"!\" (did you mean \"!=\" or \"not\"?)");
				}
			}
			default -> {
				int end = start + Character.charCount(this.text.codePointAt(start));
				String found = this.text.substring(start, end);
				error(start, end, "unexpected character \"" + found + "\"");
			}
		}
	}

	private void scanString(int start) {
		StringBuilder value = new StringBuilder();
		int i = start + 1;
		while (i < this.text.length()) {
			char c = this.text.charAt(i);
			if (c == '"') {
				this.tokens.add(token(Token.Type.STRING, start, i + 1, value.toString()));
				this.offset = i + 1;
				return;
			}
			if (c == '\n' || c == '\r') {
				break;
			}
			if (c == '\\') {
				char next = (i + 1 < this.text.length()) ? this.text.charAt(i + 1) : '\0';
				if (next != '"' && next != '\\') {
					error(i, Math.min(i + 2, this.text.length()),
							"unknown escape in a string: only \\\" and \\\\ are allowed");
					skipRestOfString(i + 1);
					return;
				}
				value.append(next);
				i += 2;
				continue;
			}
			value.append(c);
			i++;
		}
		error(start, i, "unterminated string: a string must end with \" on the same line");
	}

	private void skipRestOfString(int from) {
		int i = from;
		while (i < this.text.length() && this.text.charAt(i) != '"' && this.text.charAt(i) != '\n') {
			i++;
		}
		this.offset = (i < this.text.length() && this.text.charAt(i) == '"') ? i + 1 : i;
	}

	private void scanNumeric(int start) {
		Matcher date = DATE.matcher(this.text).region(start, this.text.length());
		if (date.lookingAt()) {
			int end = runEnd(date.end());
			if (end != date.end()) {
				error(start, end, invalidDate(this.text.substring(start, end)));
			}
			else if (date.group(1) != null && date.group(4) == null) {
				error(start, end, "an instant needs a time zone, as in 2026-01-31T12:00:00Z");
			}
			else {
				scanDate(start, end);
			}
			return;
		}
		int end = runEnd(start);
		String found = this.text.substring(start, end);
		if (DURATION.matcher(found).matches()) {
			add(Token.Type.DURATION, start, end);
		}
		else if (NUMBER.matcher(found).matches()) {
			add(Token.Type.NUMBER, start, end);
		}
		else if (found.chars().anyMatch(Character::isLetter)) {
			error(start, end, "invalid duration \"" + found + "\": write a whole number and m, h, d or w, as in 30d");
		}
		else {
			error(start, end, "invalid number \"" + found + "\"");
		}
	}

	/** Where a run of characters that belong to one number, duration or date ends. */
	private int runEnd(int from) {
		int end = from;
		while (end < this.text.length() && (isNamePart(this.text.charAt(end)) || this.text.charAt(end) == '.'
				|| this.text.charAt(end) == ':')) {
			end++;
		}
		return end;
	}

	private static String invalidDate(String found) {
		return "invalid date \"" + found + "\": write 2026-01-31 or 2026-01-31T12:00:00Z";
	}

	private void scanDate(int start, int end) {
		String found = this.text.substring(start, end);
		try {
			Dates.parse(found);
			add(Token.Type.DATE, start, end);
		}
		catch (DateTimeParseException ex) {
			error(start, end, invalidDate(found));
		}
	}

	private void addOpening(Token.Type type, int start) {
		add(type, start, start + 1);
		this.depth++;
	}

	private void addClosing(Token.Type type, int start) {
		this.depth = Math.max(0, this.depth - 1);
		add(type, start, start + 1);
	}

	private void add(Token.Type type, int start, int end) {
		this.tokens.add(token(type, start, end, this.text.substring(start, end)));
		this.offset = end;
	}

	private void error(int start, int end, String message) {
		this.tokens.add(token(Token.Type.ERROR, start, end, message));
		this.offset = Math.max(end, start + 1);
	}

	private Token token(Token.Type type, int start, int end, String value) {
		return new Token(type, this.text.substring(start, end), value, this.line, column(start), this.depth);
	}

	private int column(int at) {
		return at - this.lineStart + 1;
	}

	private boolean followedBy(int at, char c) {
		return at + 1 < this.text.length() && this.text.charAt(at + 1) == c;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isNameStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
	}

	private static boolean isNamePart(char c) {
		return isNameStart(c) || isDigit(c);
	}

}
