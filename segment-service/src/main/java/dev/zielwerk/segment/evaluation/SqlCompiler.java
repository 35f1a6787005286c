package dev.zielwerk.segment.evaluation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.Literal;
import dev.zielwerk.segment.rule.Value;

/**
 * Compiles a rule to one PostgreSQL query selecting every member at a bound instant, with
 * exactly the answers of {@link Evaluator}: two-valued logic (every predicate is
 * {@code coalesce(..., false)}), exact numbers (numerator/denominator pairs), strings by
 * code point ({@code COLLATE "C"}), microsecond instants. For the batch it reads the
 * events in one grouped scan and joins consents and memberships, with no per-row
 * correlated scans of the big tables.
 */
public final class SqlCompiler {

	private final QueryParts parts = new QueryParts();

	private final SqlPredicates predicates = new SqlPredicates(this.parts);

	private final SqlEvents events = new SqlEvents(this.parts, this.predicates);

	private SqlCompiler() {
	}

	/**
	 * Compiles a valid rule.
	 * @param rule the rule
	 * @return the query; bind its parameters for the evaluation instant
	 */
	public static CompiledQuery compile(Condition rule) {
		SqlCompiler compiler = new SqlCompiler();
		String condition = compiler.condition(rule);
		return compiler.parts.query(condition);
	}

	/**
	 * Compiles several valid rules to one query that reads the events once for all of
	 * them: what a batch over many segments needs.
	 * @param rules the rules, at least one
	 * @return a query selecting {@code profile_id} and one boolean column
	 * {@code member_i} per rule (1-based, in order), for every profile that is a member
	 * of at least one
	 */
	public static CompiledQuery compileAll(List<Condition> rules) {
		if (rules.isEmpty()) {
			throw new IllegalArgumentException("no rules to compile");
		}
		SqlCompiler compiler = new SqlCompiler();
		List<String> conditions = rules.stream().map(compiler::condition).toList();
		return compiler.parts.query(conditions);
	}

	/**
	 * Compiles several valid rules to one query over a range of profile ids that gives,
	 * in one pass over the range's events, each rule's membership and its next possible
	 * change (what {@link Evaluator} gives as {@code nextChangeAt}): what the batch
	 * computation of many segments at once needs, chunk by chunk.
	 * @param rules the rules, at least one
	 * @return a query selecting {@code profile_id}, {@code member_i} and {@code next_i}
	 * per rule (1-based, in order) for every profile of the range that is a member of one
	 * or has a next change for one; bind it with
	 * {@link CompiledQuery#parameters(java.time.Instant, java.util.UUID, java.util.UUID)}
	 */
	public static CompiledQuery compileBatch(List<Condition> rules) {
		if (rules.isEmpty()) {
			throw new IllegalArgumentException("no rules to compile");
		}
		SqlCompiler compiler = new SqlCompiler();
		List<String> conditions = rules.stream().map(compiler::condition).toList();
		List<String> nexts = rules.stream().map(compiler::next).toList();
		return compiler.parts.batch(conditions, nexts);
	}

	/**
	 * The earliest instant after now at which a time-dependent part of the rule changes,
	 * with the candidates of {@link NextChange}: {@code least} ignores the NULLs of parts
	 * that have none.
	 */
	private String next(Condition rule) {
		List<String> candidates = new ArrayList<>();
		nextCandidates(rule, candidates);
		return candidates.isEmpty() ? "null::timestamptz" : "least(" + String.join(", ", candidates) + ")";
	}

	private void nextCandidates(Condition condition, List<String> candidates) {
		switch (condition) {
			case Condition.Or or -> or.operands().forEach((operand) -> nextCandidates(operand, candidates));
			case Condition.And and -> and.operands().forEach((operand) -> nextCandidates(operand, candidates));
			case Condition.Not not -> nextCandidates(not.operand(), candidates);
			case Condition.Consent consent -> {
				String alias = this.parts.consent(consent.purpose());
				String now = this.parts.nowMinus(Duration.ZERO);
				candidates.add("(case when " + alias + ".status = 'GRANTED' and " + alias + ".expires_at > " + now
						+ " then " + alias + ".expires_at end)");
			}
			case Condition.InSegment in -> {
				// the engine re-evaluates dependents when the referenced segment changes
			}
			case Condition.Recency recency -> candidates.add(this.events.recencyNext(recency));
			case Condition.Comparison comparison -> {
				nextCandidates(comparison.left(), candidates);
				nextCandidates(comparison.right(), candidates);
			}
			case Condition.In in -> nextCandidates(in.value(), candidates);
			case Condition.NotIn notIn -> nextCandidates(notIn.value(), candidates);
			case Condition.Contains contains -> nextCandidates(contains.value(), candidates);
			case Condition.NotContains contains -> nextCandidates(contains.value(), candidates);
			case Condition.StartsWith startsWith -> nextCandidates(startsWith.value(), candidates);
			case Condition.Between between -> {
				nextCandidates(between.value(), candidates);
				nextCandidates(between.low(), candidates);
				nextCandidates(between.high(), candidates);
			}
			case Condition.Exists exists -> nextCandidates(exists.value(), candidates);
			case Condition.NotExists notExists -> nextCandidates(notExists.value(), candidates);
		}
	}

	private void nextCandidates(Value value, List<String> candidates) {
		if (value instanceof Value.Arithmetic arithmetic) {
			nextCandidates(arithmetic.left(), candidates);
			nextCandidates(arithmetic.right(), candidates);
		}
		else if (value instanceof Value.Aggregate aggregate) {
			String next = this.events.windowNext(aggregate);
			if (next != null) {
				candidates.add(next);
			}
		}
	}

	private String condition(Condition condition) {
		return switch (condition) {
			case Condition.Or or -> junction(or.operands(), " or ");
			case Condition.And and -> junction(and.operands(), " and ");
			case Condition.Not not -> "(not " + condition(not.operand()) + ")";
			case Condition.Consent consent -> {
				String alias = this.parts.consent(consent.purpose());
				yield "coalesce(" + alias + ".status = 'GRANTED' and (" + alias + ".expires_at is null or " + alias
						+ ".expires_at > " + this.parts.nowMinus(Duration.ZERO) + "), false)";
			}
			case Condition.InSegment in -> "(" + this.parts.segment(in.segmentKey()) + ".profile_id is not null)";
			case Condition.Recency recency -> this.events.recency(recency);
			case Condition.Comparison comparison ->
				this.predicates.compare(value(comparison.left()), comparison.operator(), value(comparison.right()));
			case Condition.In in -> this.predicates.in(value(in.value()), in.list());
			case Condition.NotIn notIn -> this.predicates.notIn(value(notIn.value()), notIn.list());
			case Condition.Contains contains ->
				this.predicates.contains(value(contains.value()), contains.element(), false);
			case Condition.NotContains contains ->
				this.predicates.contains(value(contains.value()), contains.element(), true);
			case Condition.StartsWith startsWith ->
				this.predicates.startsWith(value(startsWith.value()), startsWith.prefix());
			case Condition.Between between ->
				this.predicates.between(value(between.value()), value(between.low()), value(between.high()));
			case Condition.Exists exists -> this.predicates.exists(value(exists.value()));
			case Condition.NotExists notExists -> "(not " + this.predicates.exists(value(notExists.value())) + ")";
		};
	}

	private String junction(List<Condition> operands, String operator) {
		return operands.stream().map(this::condition).collect(Collectors.joining(operator, "(", ")"));
	}

	private SqlValue value(Value value) {
		return switch (value) {
			case Literal literal -> SqlPredicates.constant(literal);
			case Value.TraitRef trait -> new SqlValue.Json("(p.traits #> " + path(trait.path()) + ")");
			case Value.Aggregate aggregate -> this.events.aggregate(aggregate);
			case Value.Arithmetic arithmetic -> arithmetic(arithmetic);
		};
	}

	private SqlValue arithmetic(Value.Arithmetic arithmetic) {
		SqlValue.Num left = this.predicates.asNumber(value(arithmetic.left()));
		SqlValue.Num right = this.predicates.asNumber(value(arithmetic.right()));
		String a = left.numerator();
		String b = left.denominator();
		String c = right.numerator();
		String d = right.denominator();
		return switch (arithmetic.operator()) {
			case PLUS -> this.parts.lateral("(" + SqlPredicates.times(a, d) + " + " + SqlPredicates.times(c, b) + ")",
					SqlPredicates.times(b, d));
			case MINUS -> this.parts.lateral("(" + SqlPredicates.times(a, d) + " - " + SqlPredicates.times(c, b) + ")",
					SqlPredicates.times(b, d));
			case TIMES -> this.parts.lateral(SqlPredicates.times(a, c), SqlPredicates.times(b, d));
			// a zero divisor leaves the numerator NULL: missing
			case DIVIDE -> this.parts.lateral("(case when " + c + " > 0 then " + SqlPredicates.times(a, d) + " when "
					+ c + " < 0 then -(" + SqlPredicates.times(a, d) + ") end)",
					"abs(" + SqlPredicates.times(b, c) + ")");
		};
	}

	/**
	 * A path as a {@code text[]} literal; names are letters, digits and {@code _}
	 * (checked by the AST), quoted so that a name such as {@code null} stays a key.
	 */
	static String path(List<String> names) {
		return names.stream().map((name) -> "\"" + name + "\"").collect(Collectors.joining(",", "'{", "}'::text[]"));
	}

}
