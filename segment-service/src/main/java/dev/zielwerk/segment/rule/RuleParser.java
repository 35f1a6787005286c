package dev.zielwerk.segment.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads rule text (RULES.md, "Syntax") into a {@link Condition} tree: a hand-written
 * recursive descent over {@link RuleLexer}'s tokens, one method per grammar rule. It
 * never throws on bad input: it records the problem, skips to the next {@code and} /
 * {@code or} at the same depth and goes on, so one pass reports every independent error.
 */
public final class RuleParser {

	/** Longer rule texts are rejected outright. */
	public static final int MAX_LENGTH = 20_000;

	private static final Condition RECOVERED = new Condition.Exists(new Literal.Bool(true));

	private static final Set<String> PREDICATE_WORDS = Set.of("in", "not", "contains", "starts", "between", "exists");

	private static final String PURPOSES = Arrays.stream(ConsentPurpose.values())
		.map(ConsentPurpose::name)
		.collect(Collectors.joining(", "));

	private final TokenStream tokens;

	private final ValueParser values;

	private RuleParser(TokenStream tokens) {
		this.tokens = tokens;
		this.values = new ValueParser(tokens);
	}

	/**
	 * Parses a rule.
	 * @param text the rule text, possibly several lines with {@code --} comments
	 * @return the tree with positions, or every syntax error found
	 */
	public static ParseResult parse(String text) {
		if (text.length() > MAX_LENGTH) {
			return ParseResult.invalid(List.of(new RuleError(1, 1, "",
					"the rule is too long: " + text.length() + " characters, at most " + MAX_LENGTH)));
		}
		TokenStream tokens = new TokenStream(RuleLexer.tokenize(text));
		RuleParser parser = new RuleParser(tokens);
		Condition ast = parser.disjunction();
		while (!tokens.is(Token.Type.END)) {
			tokens.fail(tokens.peek(), "expected \"and\", \"or\" or the end of the rule after "
					+ tokens.previous().describe() + ", found " + tokens.peek().describe());
			tokens.next();
			tokens.synchronize(0);
			if (!tokens.is(Token.Type.END)) {
				tokens.next();
				parser.disjunction();
			}
		}
		if (!tokens.errors().isEmpty()) {
			return ParseResult.invalid(tokens.errors());
		}
		return ParseResult.valid(new ParsedRule(ast, tokens.positions()));
	}

	private Condition disjunction() {
		List<Condition> operands = new ArrayList<>();
		operands.add(conjunction());
		Token first = this.tokens.peek();
		while (this.tokens.isWord("or")) {
			this.tokens.next();
			operands.add(conjunction());
		}
		return (operands.size() == 1) ? operands.get(0) : this.tokens.place(new Condition.Or(operands), first);
	}

	private Condition conjunction() {
		List<Condition> operands = new ArrayList<>();
		operands.add(recovering());
		Token first = this.tokens.peek();
		while (this.tokens.isWord("and")) {
			this.tokens.next();
			operands.add(recovering());
		}
		return (operands.size() == 1) ? operands.get(0) : this.tokens.place(new Condition.And(operands), first);
	}

	/**
	 * A negation; on a syntax error, skips to the next condition boundary and goes on.
	 */
	private Condition recovering() {
		int depth = this.tokens.depth();
		int bracketDepth = this.tokens.peek().depth();
		try {
			return negation();
		}
		catch (TokenStream.SyntaxError ex) {
			this.tokens.restoreDepth(depth);
			this.tokens.synchronize(bracketDepth);
			return RECOVERED;
		}
	}

	private Condition negation() {
		if (this.tokens.isWord("not")) {
			Token not = this.tokens.next();
			this.tokens.enter();
			Condition operand = negation();
			this.tokens.leave(1);
			return this.tokens.place(new Condition.Not(operand), not);
		}
		return atom();
	}

	private Condition atom() {
		Token start = this.tokens.peek();
		if (start.type() == Token.Type.LPAREN && enclosesCondition()) {
			this.tokens.next();
			this.tokens.enter();
			Condition inner = disjunction();
			this.tokens.expectClosing(Token.Type.RPAREN, start, "\")\"");
			this.tokens.leave(1);
			return inner;
		}
		if (start.isWord("consent")) {
			return consent();
		}
		if (start.isWord("in")) {
			this.tokens.next();
			this.tokens.expectWord("segment", "\"segment\"");
			Token key = this.tokens.expect(Token.Type.STRING, "a segment key in quotes, such as \"churned\"");
			return this.tokens.place(new Condition.InSegment(key.value()), start);
		}
		if (start.isWord("first") || start.isWord("last")) {
			return recency();
		}
		if (!ValueParser.startsValue(start)) {
			throw this.tokens.expected("a condition");
		}
		return predicate();
	}

	/**
	 * Whether the "(" at the cursor opens a condition rather than a value: a
	 * parenthesised value is always followed by an operator or a predicate word, a
	 * condition never is.
	 */
	private boolean enclosesCondition() {
		Token open = this.tokens.peek();
		for (int i = this.tokens.index() + 1;; i++) {
			Token token = this.tokens.at(i);
			if (token.type() == Token.Type.END) {
				return true;
			}
			if (token.type() == Token.Type.RPAREN && token.depth() == open.depth()) {
				Token after = this.tokens.at(i + 1);
				return switch (after.type()) {
					case COMPARATOR, PLUS, MINUS, STAR, SLASH -> false;
					case WORD -> !PREDICATE_WORDS.contains(after.text());
					default -> true;
				};
			}
		}
	}

	private Condition consent() {
		Token keyword = this.tokens.next();
		this.tokens.expect(Token.Type.LPAREN, "\"(\"");
		Token purpose = this.tokens.expect(Token.Type.WORD, "a consent purpose (" + PURPOSES + ")");
		ConsentPurpose value = ConsentPurpose.ANALYTICS;
		try {
			value = ConsentPurpose.valueOf(purpose.text());
		}
		catch (IllegalArgumentException ex) {
			String suggestion = Suggestions.closest(purpose.text().toUpperCase(Locale.ROOT),
					Arrays.stream(ConsentPurpose.values()).map(ConsentPurpose::name).toList());
			this.tokens.error(purpose, "unknown consent purpose " + purpose.describe() + ((suggestion != null)
					? " (did you mean \"" + suggestion + "\"?)" : " (one of " + PURPOSES + ")"));
		}
		this.tokens.expect(Token.Type.RPAREN, "\")\"");
		return this.tokens.place(new Condition.Consent(value), keyword);
	}

	private Condition recency() {
		Token keyword = this.tokens.next();
		Condition.Recency.Occurrence occurrence = keyword.isWord("first") ? Condition.Recency.Occurrence.FIRST
				: Condition.Recency.Occurrence.LAST;
		Token open = this.tokens.expect(Token.Type.LPAREN, "\"(\"");
		EventSelector event = this.values.event();
		this.tokens.expectClosing(Token.Type.RPAREN, open, "\")\"");
		if (this.tokens.isWord("within")) {
			this.tokens.next();
			RuleDuration duration = this.values.duration();
			return this.tokens
				.place(new Condition.Recency(occurrence, event, Condition.Recency.Timing.WITHIN, duration), keyword);
		}
		if (this.tokens.isWord("before")) {
			this.tokens.next();
			RuleDuration duration = this.values.duration();
			this.tokens.expectWord("ago", "\"ago\"");
			return this.tokens.place(
					new Condition.Recency(occurrence, event, Condition.Recency.Timing.BEFORE_AGO, duration), keyword);
		}
		throw this.tokens.expected("\"within\" or \"before\"");
	}

	private Condition predicate() {
		Value value = this.values.value();
		Token operator = this.tokens.peek();
		if (operator.type() == Token.Type.COMPARATOR) {
			this.tokens.next();
			ComparisonOperator comparison = ComparisonOperator.fromSymbol(operator.text()).orElseThrow();
			return this.tokens.place(new Condition.Comparison(value, comparison, this.values.value()), operator);
		}
		if (operator.isWord("not")) {
			this.tokens.next();
			if (this.tokens.isWord("in")) {
				this.tokens.next();
				return this.tokens.place(new Condition.NotIn(value, this.values.list()), operator);
			}
			if (this.tokens.isWord("contains")) {
				this.tokens.next();
				return this.tokens.place(new Condition.NotContains(value, this.values.literal()), operator);
			}
			if (this.tokens.isWord("exists")) {
				this.tokens.next();
				return this.tokens.place(new Condition.NotExists(value), operator);
			}
			throw this.tokens.expected("\"in\", \"contains\" or \"exists\"");
		}
		return positivePredicate(value, operator);
	}

	private Condition positivePredicate(Value value, Token operator) {
		if (operator.isWord("in")) {
			this.tokens.next();
			return this.tokens.place(new Condition.In(value, this.values.list()), operator);
		}
		if (operator.isWord("contains")) {
			this.tokens.next();
			return this.tokens.place(new Condition.Contains(value, this.values.literal()), operator);
		}
		if (operator.isWord("starts")) {
			this.tokens.next();
			this.tokens.expectWord("with", "\"with\"");
			Token prefix = this.tokens.expect(Token.Type.STRING, "a string in quotes");
			Literal.Text text = this.tokens.place(new Literal.Text(prefix.value()), prefix);
			return this.tokens.place(new Condition.StartsWith(value, text), operator);
		}
		if (operator.isWord("between")) {
			this.tokens.next();
			Value low = this.values.value();
			this.tokens.expectWord("and", "\"and\" between the bounds");
			return this.tokens.place(new Condition.Between(value, low, this.values.value()), operator);
		}
		if (operator.isWord("exists")) {
			this.tokens.next();
			return this.tokens.place(new Condition.Exists(value), operator);
		}
		throw this.tokens.expectedAfter(
				"a comparison (=, !=, <, <=, >, >=, in, not in, contains, starts with, between, exists)",
				RulePrinter.print(value));
	}

}
