package dev.zielwerk.segment.rule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Checks a parsed rule beyond its syntax: literal types that cannot be compared,
 * aggregates and their properties, bounds and windows, and segment references (unknown
 * keys, cycles). Errors carry the position of the offending node, like syntax errors.
 */
public final class RuleValidator {

	private final SegmentCatalog catalog;

	/**
	 * A validator resolving segment references through a catalog.
	 * @param catalog the known segments
	 */
	public RuleValidator(SegmentCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * Parses and validates rule text: what {@code validateRule} and saving a segment
	 * need.
	 * @param text the rule text
	 * @param segmentKey the key of the segment the rule is for, to detect reference
	 * cycles; {@code null} for a rule not attached to a segment (a preview)
	 * @return the rule, or every syntax error, or (for a rule that parses) every
	 * validation error
	 */
	public ParseResult check(String text, @Nullable String segmentKey) {
		ParseResult parsed = RuleParser.parse(text);
		if (!parsed.isValid()) {
			return parsed;
		}
		List<RuleError> errors = validate(parsed.rule(), segmentKey);
		return errors.isEmpty() ? parsed : ParseResult.invalid(errors);
	}

	/**
	 * Validates a parsed rule.
	 * @param rule the rule with its positions
	 * @param segmentKey the key of the segment the rule is for, or {@code null}
	 * @return every problem, empty when the rule is valid
	 */
	public List<RuleError> validate(ParsedRule rule, @Nullable String segmentKey) {
		List<RuleError> errors = new ArrayList<>(new TypeChecker(rule.positions()).check(rule.ast()));
		errors.addAll(new SegmentReferences(this.catalog, rule.positions()).check(rule.ast(), segmentKey));
		errors.sort(Comparator.comparingInt(RuleError::line).thenComparingInt(RuleError::column));
		return List.copyOf(errors);
	}

}
