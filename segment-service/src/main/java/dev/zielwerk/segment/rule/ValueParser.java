package dev.zielwerk.segment.rule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The value half of the grammar: arithmetic, traits, aggregates, events, windows,
 * literals.
 */
final class ValueParser {

	private final TokenStream tokens;

	ValueParser(TokenStream tokens) {
		this.tokens = tokens;
	}

	/** {@code value = term { ( "+" | "-" ) term }}. */
	Value value() {
		Value left = term();
		int levels = 0;
		try {
			while (this.tokens.is(Token.Type.PLUS) || this.tokens.is(Token.Type.MINUS)) {
				Token operator = this.tokens.next();
				this.tokens.enter();
				levels++;
				left = arithmetic(left, operator, term());
			}
			return left;
		}
		finally {
			this.tokens.leave(levels);
		}
	}

	/** {@code term = factor { ( "*" | "/" ) factor }}. */
	private Value term() {
		Value left = factor();
		int levels = 0;
		try {
			while (this.tokens.is(Token.Type.STAR) || this.tokens.is(Token.Type.SLASH)) {
				Token operator = this.tokens.next();
				this.tokens.enter();
				levels++;
				left = arithmetic(left, operator, factor());
			}
			return left;
		}
		finally {
			this.tokens.leave(levels);
		}
	}

	private Value arithmetic(Value left, Token operator, Value right) {
		ArithmeticOperator op = ArithmeticOperator.fromSymbol(operator.text()).orElseThrow();
		return this.tokens.place(new Value.Arithmetic(left, op, right), operator);
	}

	private Value factor() {
		Token token = this.tokens.peek();
		if (token.type() == Token.Type.LPAREN) {
			this.tokens.next();
			this.tokens.enter();
			Value inner = value();
			this.tokens.expectClosing(Token.Type.RPAREN, token, "\")\"");
			this.tokens.leave(1);
			return inner;
		}
		if (token.isWord("traits")) {
			this.tokens.next();
			return this.tokens.place(new Value.TraitRef(path("traits")), token);
		}
		if (token.type() == Token.Type.WORD && isAggregate(token.text())) {
			return aggregate();
		}
		if (startsLiteral(token)) {
			return literal();
		}
		throw this.tokens.expected("a value (a trait such as traits.age, an aggregate such as count(...), "
				+ "or a string, number, date, true or false)");
	}

	private Value aggregate() {
		Token keyword = this.tokens.next();
		AggregateFunction function = AggregateFunction.valueOf(keyword.text().toUpperCase(Locale.ROOT));
		Token open = this.tokens.expect(Token.Type.LPAREN, "\"(\"");
		PropertyRef property = null;
		if (this.tokens.isWord("properties")) {
			property = property();
			this.tokens.expect(Token.Type.COMMA, "\",\" between the property and the event");
		}
		EventSelector event = event();
		Window window = optionalWindow();
		this.tokens.expectClosing(Token.Type.RPAREN, open, "\")\"");
		return this.tokens.place(new Value.Aggregate(function, property, event, window), keyword);
	}

	/** {@code event = "event" ( STRING | "any" ) [ "where" filter { "and" filter } ]}. */
	EventSelector event() {
		Token keyword = this.tokens.expectWord("event", "an event such as event \"Order Completed\" or event any");
		String name;
		if (this.tokens.isWord("any")) {
			this.tokens.next();
			name = null;
		}
		else {
			name = this.tokens.expect(Token.Type.STRING, "an event name in quotes or \"any\"").value();
		}
		List<PropertyFilter> filters = new ArrayList<>();
		if (this.tokens.isWord("where")) {
			this.tokens.next();
			filters.add(filter());
			while (this.tokens.isWord("and")) {
				this.tokens.next();
				filters.add(filter());
			}
		}
		return this.tokens.place(new EventSelector(name, filters), keyword);
	}

	private PropertyFilter filter() {
		PropertyRef property = property();
		Token operator = this.tokens.peek();
		if (operator.type() == Token.Type.COMPARATOR) {
			this.tokens.next();
			ComparisonOperator comparison = ComparisonOperator.fromSymbol(operator.text()).orElseThrow();
			return this.tokens.place(new PropertyFilter.Compare(property, comparison, literal()), operator);
		}
		if (operator.isWord("not")) {
			this.tokens.next();
			this.tokens.expectWord("in", "\"in\"");
			return this.tokens.place(new PropertyFilter.NotIn(property, list()), operator);
		}
		if (operator.isWord("in")) {
			this.tokens.next();
			return this.tokens.place(new PropertyFilter.In(property, list()), operator);
		}
		if (operator.isWord("exists")) {
			this.tokens.next();
			return this.tokens.place(new PropertyFilter.Exists(property), operator);
		}
		throw this.tokens.expectedAfter("a comparison (=, !=, <, <=, >, >=, in, not in, exists)",
				RulePrinter.print(property));
	}

	private PropertyRef property() {
		Token keyword = this.tokens.expectWord("properties", "a property such as properties.revenue");
		return this.tokens.place(new PropertyRef(path("properties")), keyword);
	}

	/** The {@code "." NAME { "." NAME }} after {@code traits} or {@code properties}. */
	private List<String> path(String root) {
		List<String> names = new ArrayList<>();
		do {
			this.tokens.expect(Token.Type.DOT, "\".\" and a name, as in " + root + ".name");
			names.add(this.tokens.expect(Token.Type.WORD, "a name (letters, digits, _)").text());
		}
		while (this.tokens.is(Token.Type.DOT));
		return names;
	}

	private Window optionalWindow() {
		Token keyword = this.tokens.peek();
		if (keyword.isWord("within")) {
			this.tokens.next();
			return this.tokens.place(new Window.Within(duration()), keyword);
		}
		if (keyword.isWord("between")) {
			this.tokens.next();
			Token from = this.tokens.expect(Token.Type.DATE, "a date such as 2026-01-31");
			this.tokens.expectWord("and", "\"and\"");
			Token to = this.tokens.expect(Token.Type.DATE, "a date such as 2026-02-28");
			return this.tokens.place(new Window.Between(Dates.parse(from.text()), Dates.parse(to.text())), keyword);
		}
		return new Window.AllTime();
	}

	RuleDuration duration() {
		Token token = this.tokens.expect(Token.Type.DURATION, "a duration such as 30d");
		String text = token.text();
		String amount = text.substring(0, text.length() - 1);
		if (amount.length() > 7 || Long.parseLong(amount) > RuleDuration.MAX_AMOUNT) {
			throw this.tokens.fail(token,
					"the duration " + text + " is too long (at most " + RuleDuration.MAX_AMOUNT + " units)");
		}
		return new RuleDuration(Long.parseLong(amount), RuleDuration.Unit.of(text.charAt(text.length() - 1)));
	}

	/** {@code list = "[" [ literal { "," literal } ] "]"}. */
	List<Literal> list() {
		Token open = this.tokens.expect(Token.Type.LBRACKET, "a list such as [\"DE\", \"AT\"]");
		List<Literal> literals = new ArrayList<>();
		if (!this.tokens.is(Token.Type.RBRACKET)) {
			literals.add(literal());
			while (this.tokens.is(Token.Type.COMMA)) {
				this.tokens.next();
				literals.add(literal());
			}
		}
		this.tokens.expectClosing(Token.Type.RBRACKET, open, "\",\" or \"]\"");
		return literals;
	}

	/**
	 * {@code literal = STRING | NUMBER | DATE | "true" | "false"}, numbers with an
	 * optional sign.
	 */
	Literal literal() {
		Token token = this.tokens.peek();
		Literal literal = switch (token.type()) {
			case STRING -> new Literal.Text(token.value());
			case NUMBER -> Literal.Numeric.of(token.text());
			case DATE -> new Literal.Timestamp(Dates.parse(token.text()));
			case PLUS, MINUS -> signed(token);
			case WORD -> bool(token);
			default -> null;
		};
		if (literal == null) {
			throw this.tokens.expected("a string, number, date, true or false");
		}
		this.tokens.next();
		return this.tokens.place(literal, token);
	}

	private Literal signed(Token sign) {
		this.tokens.next();
		Token number = this.tokens.peek();
		if (number.type() != Token.Type.NUMBER) {
			throw this.tokens.expected("a number");
		}
		BigDecimal value = new BigDecimal(number.text());
		return new Literal.Numeric((sign.type() == Token.Type.MINUS) ? value.negate() : value);
	}

	private static @Nullable Literal bool(Token token) {
		if (token.isWord("true") || token.isWord("false")) {
			return new Literal.Bool(token.isWord("true"));
		}
		return null;
	}

	static boolean startsValue(Token token) {
		return token.type() == Token.Type.LPAREN || token.isWord("traits")
				|| (token.type() == Token.Type.WORD && isAggregate(token.text())) || startsLiteral(token);
	}

	private static boolean startsLiteral(Token token) {
		return switch (token.type()) {
			case STRING, NUMBER, DATE, PLUS, MINUS -> true;
			case WORD -> token.isWord("true") || token.isWord("false");
			default -> false;
		};
	}

	private static boolean isAggregate(String word) {
		return switch (word) {
			case "count", "sum", "avg", "min", "max" -> true;
			default -> false;
		};
	}

}
