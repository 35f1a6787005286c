package dev.zielwerk.segment.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a tree, for {@code rule { ast }} in GraphQL: nested maps and lists,
 * every node an object with a {@code kind}, fields in a fixed order. Numbers are strings
 * so that no client rounds them; dates are ISO-8601 instants; positions are added when
 * known.
 */
public final class RuleJson {

	private final Positions positions;

	private RuleJson(Positions positions) {
		this.positions = positions;
	}

	/**
	 * The JSON form of a parsed rule, with {@code line} and {@code column} on every node.
	 * @param rule the rule
	 * @return the JSON-able tree
	 */
	public static Map<String, Object> toJson(ParsedRule rule) {
		return new RuleJson(rule.positions()).node(rule.ast());
	}

	/**
	 * The JSON form of a node, without positions.
	 * @param node the node
	 * @return the JSON-able tree
	 */
	public static Map<String, Object> toJson(Node node) {
		return new RuleJson(Positions.none()).node(node);
	}

	private Map<String, Object> node(Node node) {
		return switch (node) {
			case Condition condition -> condition(condition);
			case Value value -> value(value);
			case EventSelector event -> event(event);
			case PropertyFilter filter -> filter(filter);
			case PropertyRef property -> json(property, "property", "path", property.path());
			case Window window -> window(window);
		};
	}

	private Map<String, Object> condition(Condition condition) {
		return switch (condition) {
			case Condition.Or or -> json(or, "or", "operands", conditions(or.operands()));
			case Condition.And and -> json(and, "and", "operands", conditions(and.operands()));
			case Condition.Not not -> json(not, "not", "operand", condition(not.operand()));
			case Condition.Consent consent -> json(consent, "consent", "purpose", consent.purpose().name());
			case Condition.InSegment in -> json(in, "inSegment", "segmentKey", in.segmentKey());
			case Condition.Recency recency -> json(recency, "recency", "occurrence",
					recency.occurrence().name().toLowerCase(Locale.ROOT), "event", event(recency.event()), "timing",
					(recency.timing() == Condition.Recency.Timing.WITHIN) ? "within" : "beforeAgo", "duration",
					duration(recency.duration()));
			case Condition.Comparison comparison -> json(comparison, "comparison", "left", value(comparison.left()),
					"operator", comparison.operator().symbol(), "right", value(comparison.right()));
			case Condition.In in -> json(in, "in", "value", value(in.value()), "list", literals(in.list()));
			case Condition.NotIn notIn ->
				json(notIn, "notIn", "value", value(notIn.value()), "list", literals(notIn.list()));
			case Condition.Contains contains ->
				json(contains, "contains", "value", value(contains.value()), "element", value(contains.element()));
			case Condition.NotContains contains ->
				json(contains, "notContains", "value", value(contains.value()), "element", value(contains.element()));
			case Condition.StartsWith startsWith -> json(startsWith, "startsWith", "value", value(startsWith.value()),
					"prefix", value(startsWith.prefix()));
			case Condition.Between between -> json(between, "between", "value", value(between.value()), "low",
					value(between.low()), "high", value(between.high()));
			case Condition.Exists exists -> json(exists, "exists", "value", value(exists.value()));
			case Condition.NotExists notExists -> json(notExists, "notExists", "value", value(notExists.value()));
		};
	}

	private Map<String, Object> value(Value value) {
		return switch (value) {
			case Literal.Text text -> json(text, "string", "value", text.value());
			case Literal.Numeric number -> json(number, "number", "value", number.value().toPlainString());
			case Literal.Timestamp timestamp -> json(timestamp, "date", "value", timestamp.value().toString());
			case Literal.Bool bool -> json(bool, "boolean", "value", bool.value());
			case Value.TraitRef trait -> json(trait, "trait", "path", trait.path());
			case Value.Aggregate aggregate -> aggregate(aggregate);
			case Value.Arithmetic arithmetic -> json(arithmetic, "arithmetic", "left", value(arithmetic.left()),
					"operator", arithmetic.operator().symbol(), "right", value(arithmetic.right()));
		};
	}

	private Map<String, Object> aggregate(Value.Aggregate aggregate) {
		Map<String, Object> json = json(aggregate, "aggregate", "function", aggregate.function().keyword());
		if (aggregate.property() != null) {
			json.put("property", node(aggregate.property()));
		}
		json.put("event", event(aggregate.event()));
		json.put("window", window(aggregate.window()));
		return json;
	}

	private Map<String, Object> event(EventSelector event) {
		Map<String, Object> json = json(event, "event");
		if (event.name() != null) {
			json.put("name", event.name());
		}
		json.put("any", event.isAny());
		json.put("filters", event.filters().stream().map(this::filter).toList());
		return json;
	}

	private Map<String, Object> filter(PropertyFilter filter) {
		List<String> path = filter.property().path();
		return switch (filter) {
			case PropertyFilter.Compare compare -> json(compare, "propertyComparison", "path", path, "operator",
					compare.operator().symbol(), "literal", value(compare.literal()));
			case PropertyFilter.In in -> json(in, "propertyIn", "path", path, "list", literals(in.list()));
			case PropertyFilter.NotIn notIn ->
				json(notIn, "propertyNotIn", "path", path, "list", literals(notIn.list()));
			case PropertyFilter.Exists exists -> json(exists, "propertyExists", "path", path);
		};
	}

	private Map<String, Object> window(Window window) {
		return switch (window) {
			case Window.Within within -> json(within, "within", "duration", duration(within.duration()));
			case Window.Between between ->
				json(between, "betweenDates", "from", between.from().toString(), "to", between.to().toString());
			case Window.AllTime allTime -> json(allTime, "allTime");
		};
	}

	private static Map<String, Object> duration(RuleDuration duration) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("amount", duration.amount());
		json.put("unit", String.valueOf(duration.unit().symbol()));
		json.put("text", duration.toString());
		return json;
	}

	private List<Map<String, Object>> conditions(List<Condition> conditions) {
		return conditions.stream().map(this::condition).toList();
	}

	private List<Map<String, Object>> literals(List<Literal> literals) {
		return literals.stream().map(this::value).toList();
	}

	/**
	 * An object with its kind, its position when known, then the given name/value pairs.
	 */
	private Map<String, Object> json(Node node, String kind, Object... fields) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("kind", kind);
		Position position = this.positions.of(node);
		if (position != null) {
			json.put("line", position.line());
			json.put("column", position.column());
		}
		for (int i = 0; i < fields.length; i += 2) {
			json.put((String) fields[i], fields[i + 1]);
		}
		return json;
	}

}
