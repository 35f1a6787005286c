/**
 * The segment rule language (RULES.md): a typed AST of sealed records, its parser,
 * printer, validator, dependency index and JSON form.
 *
 * <p>
 * Entry points: {@link dev.zielwerk.segment.rule.RuleParser#parse(String)} (syntax),
 * {@link dev.zielwerk.segment.rule.RuleValidator#check(String, String)} (syntax and
 * validation, what {@code validateRule} needs),
 * {@link dev.zielwerk.segment.rule.RulePrinter},
 * {@link dev.zielwerk.segment.rule.RuleIndex},
 * {@link dev.zielwerk.segment.rule.RuleJson}. Evaluators walk
 * {@link dev.zielwerk.segment.rule.Condition} and {@link dev.zielwerk.segment.rule.Value}
 * with exhaustive switches.
 *
 * <p>
 * Choices where RULES.md is silent, meaning unchanged:
 * <ul>
 * <li>An unknown consent purpose is reported by the parser (with a "did you mean"), so
 * {@code Consent} holds a typed {@link dev.zielwerk.segment.rule.ConsentPurpose}.</li>
 * <li>{@code sum(event ...)} without a property and
 * {@code count(properties.x, event ...)} parse, and the validator rejects them with a
 * precise message; the AST therefore has a nullable aggregate property, present exactly
 * when the function needs one in a valid rule.</li>
 * <li>{@code x not in [...]}, {@code x not contains y} are predicates of their own: false
 * when {@code x} is missing, unlike {@code not x in [...]}.</li>
 * <li>A NAME in a trait or property path is ASCII letters, digits and {@code _}, not
 * starting with a digit; keywords are allowed there ({@code traits.count}).</li>
 * <li>Strings end on their line; only {@code \"} and {@code \\} escapes exist. {@code ==}
 * and a lone {@code !} get their own hint. Numbers take an optional {@code +} or
 * {@code -} sign.</li>
 * <li>An instant needs a zone ({@code Z} or an offset) and is kept in UTC; a date is its
 * UTC midnight and prints as a date.</li>
 * <li>Limits: 20,000 characters, 64 levels of nesting (parentheses, {@code not}, chained
 * arithmetic), durations of at most 1,000,000 units, 50 reported errors.</li>
 * <li>Durations must be at least 1, windows must start before they end, literal
 * {@code between} bounds must be ordered, lists hold one type.</li>
 * </ul>
 */
@NullMarked
package dev.zielwerk.segment.rule;

import org.jspecify.annotations.NullMarked;
