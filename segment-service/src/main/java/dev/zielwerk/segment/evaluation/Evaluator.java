package dev.zielwerk.segment.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.EventSelector;
import dev.zielwerk.segment.rule.Literal;
import dev.zielwerk.segment.rule.Value;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates a rule for one profile at one instant, in memory, with the exact meaning of
 * RULES.md; {@link SqlCompiler} gives the same answers in PostgreSQL.
 */
public final class Evaluator {

	private final ProfileState state;

	private final Instant now;

	private Evaluator(ProfileState state, Instant now) {
		this.state = state;
		this.now = now;
	}

	/**
	 * Whether the profile is a member at {@code now}, and when that could next change.
	 * @param rule a valid rule
	 * @param state the profile
	 * @param now the instant
	 * @return the answer with the instant of its next possible change
	 */
	public static Evaluation evaluate(Condition rule, ProfileState state, Instant now) {
		return new Evaluation(new Evaluator(state, now).holds(rule), NextChange.after(rule, state, now));
	}

	private boolean holds(Condition condition) {
		return switch (condition) {
			case Condition.Or or -> or.operands().stream().anyMatch(this::holds);
			case Condition.And and -> and.operands().stream().allMatch(this::holds);
			case Condition.Not not -> !holds(not.operand());
			case Condition.Consent consent -> {
				ProfileState.Consent current = this.state.consents().get(consent.purpose());
				yield current != null && current.isGrantedAt(this.now);
			}
			case Condition.InSegment in -> this.state.memberships().contains(in.segmentKey());
			case Condition.Recency recency -> recency(recency);
			case Condition.Comparison comparison ->
				Comparisons.compare(value(comparison.left()), comparison.operator(), value(comparison.right()));
			case Condition.In in -> Comparisons.in(value(in.value()), in.list());
			case Condition.NotIn notIn -> Comparisons.notIn(value(notIn.value()), notIn.list());
			case Condition.Contains contains -> Comparisons.contains(value(contains.value()), contains.element());
			case Condition.NotContains contains -> Comparisons.notContains(value(contains.value()), contains.element());
			case Condition.StartsWith startsWith ->
				Comparisons.startsWith(value(startsWith.value()), startsWith.prefix());
			case Condition.Between between ->
				Comparisons.between(value(between.value()), value(between.low()), value(between.high()));
			case Condition.Exists exists -> value(exists.value()).isPresent();
			case Condition.NotExists notExists -> !value(notExists.value()).isPresent();
		};
	}

	private boolean recency(Condition.Recency recency) {
		Optional<Instant> occurredAt = NextChange.recencyEvent(recency, this.state);
		if (occurredAt.isEmpty()) {
			return false;
		}
		Instant threshold = this.now.minus(recency.duration().toDuration());
		return switch (recency.timing()) {
			case WITHIN -> occurredAt.get().isAfter(threshold);
			case BEFORE_AGO -> !occurredAt.get().isAfter(threshold);
		};
	}

	private RuntimeValue value(Value value) {
		return switch (value) {
			case Literal literal -> RuntimeValue.of(literal);
			case Value.TraitRef trait -> trait(trait.path());
			case Value.Aggregate aggregate -> aggregate(aggregate);
			case Value.Arithmetic arithmetic -> arithmetic(arithmetic);
		};
	}

	/**
	 * The first name is the trait group, the second the trait, the rest keys inside it.
	 */
	private RuntimeValue trait(List<String> path) {
		Map<String, JsonNode> group = this.state.traits().get(path.get(0));
		if (group == null) {
			return RuntimeValue.MISSING;
		}
		if (path.size() == 1) {
			return RuntimeValue.OBJECT;
		}
		return RuntimeValue.ofJson(EventMatching.walk(group.get(path.get(1)), path.subList(2, path.size())));
	}

	private RuntimeValue aggregate(Value.Aggregate aggregate) {
		List<ProfileState.Event> events = matching(aggregate.event())
			.filter((event) -> EventMatching.inWindow(aggregate.window(), event.occurredAt(), this.now))
			.toList();
		if (aggregate.property() == null) {
			return number(BigDecimal.valueOf(events.size()));
		}
		List<BigDecimal> numbers = events.stream()
			.map((event) -> EventMatching.property(event.properties(), aggregate.property()))
			.flatMap((property) -> (property instanceof RuntimeValue.Num(Rational number))
					? Stream.of(number.numerator()) : Stream.empty())
			.toList();
		BigDecimal sum = numbers.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		return switch (aggregate.function()) {
			case COUNT -> number(BigDecimal.valueOf(events.size()));
			case SUM -> number(sum);
			case AVG -> numbers.isEmpty() ? RuntimeValue.MISSING
					: new RuntimeValue.Num(new Rational(sum, BigDecimal.valueOf(numbers.size())));
			case MIN -> numbers.stream().min(BigDecimal::compareTo).map(Evaluator::number).orElse(RuntimeValue.MISSING);
			case MAX -> numbers.stream().max(BigDecimal::compareTo).map(Evaluator::number).orElse(RuntimeValue.MISSING);
		};
	}

	private Stream<ProfileState.Event> matching(EventSelector selector) {
		return this.state.events().stream().filter((event) -> EventMatching.matches(selector, event));
	}

	private RuntimeValue arithmetic(Value.Arithmetic arithmetic) {
		if (!(value(arithmetic.left()) instanceof RuntimeValue.Num(Rational left))
				|| !(value(arithmetic.right()) instanceof RuntimeValue.Num(Rational right))) {
			return RuntimeValue.MISSING;
		}
		Rational result = switch (arithmetic.operator()) {
			case PLUS -> left.plus(right);
			case MINUS -> left.minus(right);
			case TIMES -> left.times(right);
			case DIVIDE -> left.dividedBy(right);
		};
		return (result != null) ? new RuntimeValue.Num(result) : RuntimeValue.MISSING;
	}

	private static RuntimeValue number(BigDecimal value) {
		return new RuntimeValue.Num(Rational.of(value));
	}

}
