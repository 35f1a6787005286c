package dev.zielwerk.segment.rule;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The parser's cursor over the tokens, with the error list and the position table.
 * Parsing methods signal a syntax error by throwing {@link SyntaxError} after recording
 * it; the rule parser catches it at the next condition boundary and resynchronises.
 */
final class TokenStream {

	/** Deeper nesting than this is rejected instead of risking the stack. */
	static final int MAX_DEPTH = 64;

	/**
	 * Past this many errors more help nobody, and garbage input stays cheap to reject.
	 */
	static final int MAX_ERRORS = 50;

	private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "segment", "consent", "first", "last",
			"within", "before", "ago", "contains", "starts", "with", "between", "exists", "traits", "properties",
			"count", "sum", "avg", "min", "max", "event", "any", "where", "true", "false");

	private final List<Token> tokens;

	private final List<RuleError> errors = new ArrayList<>();

	private final IdentityHashMap<Node, Position> positions = new IdentityHashMap<>();

	private int index;

	private int depth;

	TokenStream(List<Token> tokens) {
		this.tokens = tokens;
		for (Token token : tokens) {
			if (token.type() == Token.Type.ERROR) {
				error(token, token.value());
			}
		}
	}

	Token peek() {
		return this.tokens.get(this.index);
	}

	Token peek(int ahead) {
		return this.tokens.get(Math.min(this.index + ahead, this.tokens.size() - 1));
	}

	Token next() {
		Token token = peek();
		if (token.type() != Token.Type.END) {
			this.index++;
		}
		return token;
	}

	Token previous() {
		return this.tokens.get(Math.max(0, this.index - 1));
	}

	int index() {
		return this.index;
	}

	Token at(int index) {
		return this.tokens.get(Math.min(index, this.tokens.size() - 1));
	}

	boolean is(Token.Type type) {
		return peek().type() == type;
	}

	boolean isWord(String word) {
		return peek().isWord(word);
	}

	boolean isWord(int ahead, String word) {
		return peek(ahead).isWord(word);
	}

	Token expect(Token.Type type, String what) {
		if (!is(type)) {
			throw expected(what);
		}
		return next();
	}

	Token expectWord(String word, String what) {
		if (!isWord(word)) {
			throw expected(what);
		}
		return next();
	}

	/**
	 * Records "expected X after "previous", found "current"" and returns the signal to
	 * throw.
	 */
	SyntaxError expected(String what) {
		return expectedAfter(what, (this.index > 0) ? previous().describe() : null);
	}

	/**
	 * Like {@link #expected(String)} with an explicit description of what came before.
	 */
	SyntaxError expectedAfter(String what, @Nullable String after) {
		Token found = peek();
		String context = (after != null) ? " after " + after : "";
		return fail(found, "expected " + what + context + ", found " + found.describe() + caseHint(found));
	}

	/** A missing closing bracket, reported against the opening one. */
	Token expectClosing(Token.Type type, Token opening, String what) {
		if (!is(type)) {
			throw expectedAfter(what + " to close the " + opening.describe() + " at " + opening.position(), null);
		}
		return next();
	}

	/** Records an error at a token and returns the signal to throw. */
	SyntaxError fail(Token at, String message) {
		if (at.type() != Token.Type.ERROR) {
			error(at, message);
		}
		return new SyntaxError();
	}

	/** Records an error without interrupting the parse. */
	void error(Token at, String message) {
		// one problem per place: a missing ")" after a missing value is the same mistake
		if (this.errors.size() >= MAX_ERRORS) {
			return;
		}
		boolean known = this.errors.stream()
			.anyMatch((error) -> error.line() == at.line() && error.column() == at.column());
		if (!known) {
			this.errors.add(new RuleError(at.line(), at.column(), at.text(), message));
		}
	}

	List<RuleError> errors() {
		return this.errors;
	}

	<N extends Node> N place(N node, Token token) {
		this.positions.put(node, token.position());
		return node;
	}

	Positions positions() {
		return Positions.of(this.positions);
	}

	void enter() {
		this.depth++;
		if (this.depth > MAX_DEPTH) {
			throw fail(peek(), "the rule is nested too deeply (at most " + MAX_DEPTH + " levels)");
		}
	}

	void leave(int levels) {
		this.depth -= levels;
	}

	int depth() {
		return this.depth;
	}

	void restoreDepth(int depth) {
		this.depth = depth;
	}

	/**
	 * Skips to where parsing can resume after an error: the next {@code and} / {@code or}
	 * at the bracket depth where the failed condition began, a bracket closing that
	 * depth, or the end.
	 */
	void synchronize(int bracketDepth) {
		while (!is(Token.Type.END)) {
			Token token = peek();
			boolean closesEnclosing = token.depth() < bracketDepth;
			boolean connective = token.depth() == bracketDepth && (token.isWord("and") || token.isWord("or"));
			if (closesEnclosing || connective) {
				return;
			}
			next();
		}
	}

	private static String caseHint(Token found) {
		if (found.type() == Token.Type.WORD && !found.text().equals(found.text().toLowerCase(Locale.ROOT))
				&& KEYWORDS.contains(found.text().toLowerCase(Locale.ROOT))) {
			return " (keywords are lower case)";
		}
		return "";
	}

	/**
	 * Unwinds the parser to the next condition boundary; the error is already recorded.
	 */
	static final class SyntaxError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		SyntaxError() {
			super(null, null, false, false);
		}

	}

}
