package dev.zielwerk.segment.rule;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of reading (and possibly validating) a rule: the rule, or every problem
 * found, sorted by position. A rule with any problem is rejected as a whole.
 */
public final class ParseResult {

	private final @Nullable ParsedRule rule;

	private final List<RuleError> errors;

	private ParseResult(@Nullable ParsedRule rule, List<RuleError> errors) {
		this.rule = rule;
		this.errors = errors;
	}

	static ParseResult valid(ParsedRule rule) {
		return new ParseResult(rule, List.of());
	}

	static ParseResult invalid(List<RuleError> errors) {
		if (errors.isEmpty()) {
			throw new IllegalArgumentException("an invalid rule needs at least one error");
		}
		List<RuleError> sorted = errors.stream()
			.distinct()
			.sorted(Comparator.comparingInt(RuleError::line).thenComparingInt(RuleError::column))
			.toList();
		return new ParseResult(null, sorted);
	}

	/**
	 * Whether the rule was accepted.
	 * @return true when there are no errors
	 */
	public boolean isValid() {
		return this.rule != null;
	}

	/**
	 * Every problem, by position; empty for a valid rule.
	 * @return the errors
	 */
	public List<RuleError> errors() {
		return this.errors;
	}

	/**
	 * The accepted rule with its positions.
	 * @return the rule
	 * @throws IllegalStateException when the rule has errors
	 */
	public ParsedRule rule() {
		if (this.rule == null) {
			throw new IllegalStateException("the rule has errors: " + describeErrors());
		}
		return this.rule;
	}

	/**
	 * The accepted rule's tree.
	 * @return the tree
	 * @throws IllegalStateException when the rule has errors
	 */
	public Condition ast() {
		return rule().ast();
	}

	/**
	 * The errors, one per line, as {@code line:column: message}.
	 * @return the text, empty for a valid rule
	 */
	public String describeErrors() {
		return this.errors.stream().map(RuleError::toString).collect(Collectors.joining("\n"));
	}

	@Override
	public String toString() {
		return (this.rule != null) ? "valid " + RulePrinter.print(this.rule.ast()) : "invalid\n" + describeErrors();
	}

}
