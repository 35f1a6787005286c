package dev.zielwerk.segment.error;

import java.util.List;
import java.util.stream.Collectors;

import dev.zielwerk.segment.rule.RuleError;

/**
 * A rule that does not parse or validate. Maps to {@code BAD_USER_INPUT} with the first
 * problem's line and column in the extensions, and every problem in
 * {@code extensions.errors}.
 */
public final class InvalidRuleException extends RuntimeException {

	private final String field;

	private final List<RuleError> errors;

	public InvalidRuleException(String field, List<RuleError> errors) {
		super(field + ": invalid rule: " + errors.stream().map(RuleError::toString).collect(Collectors.joining("; ")));
		if (errors.isEmpty()) {
			throw new IllegalArgumentException("an invalid rule has at least one error");
		}
		this.field = field;
		this.errors = List.copyOf(errors);
	}

	public String field() {
		return this.field;
	}

	public List<RuleError> errors() {
		return this.errors;
	}

}
