/**
 * Segment evaluation that always agrees:
 * {@link dev.zielwerk.segment.evaluation.Evaluator} in memory over a
 * {@link dev.zielwerk.segment.evaluation.ProfileState}, and
 * {@link dev.zielwerk.segment.evaluation.SqlCompiler} in PostgreSQL over the tables of
 * schema {@code segment} (migration {@code db/migration/segment/V1__segment_state.sql}),
 * with the meaning of RULES.md.
 *
 * <p>
 * Choices where RULES.md is silent, the same in both evaluators:
 * <ul>
 * <li>{@code now} only enters through windows, recency and consent expiry: windowless
 * aggregates and recency look at all of the profile's events, also those stamped after
 * {@code now}. {@code between} windows therefore never change with the clock.</li>
 * <li>{@code traits.a.b.c}: {@code a} is the trait group, {@code b} the trait, further
 * names are keys inside its JSON value; {@code traits.a} alone is the whole group,
 * present but comparable with nothing. JSON {@code null} is missing.</li>
 * <li>Arithmetic on anything but numbers is missing. Numbers are exact rationals
 * (division and {@code avg} never round).</li>
 * <li>Only numbers, strings, dates and booleans compare; lists and objects compare with
 * nothing ({@code !=} included). {@code x not in [...]} is true when {@code x} is present
 * and differs (by {@code !=}) from every element; {@code x not contains y} is true when
 * {@code x} is a string not containing the string {@code y}, or a list without an element
 * equal to {@code y}.</li>
 * <li>A string is read as a date (against a DATE) when it is {@code 2026-01-31} or
 * {@code 2026-01-31T12:00:00[.ffffff](Z|+hh:mm)}, a valid day, year 0001 to 9999, at most
 * six fraction digits: PostgreSQL keeps microseconds. Event times and consent expiries
 * are truncated to the microsecond in
 * {@link dev.zielwerk.segment.evaluation.ProfileState}; DATE literals may be finer, and
 * SQL rounds them the way that keeps each answer exact.</li>
 * <li>{@code in segment} reads the state's memberships; the engine re-evaluates dependent
 * segments when a referenced one changes, so it adds nothing to
 * {@link dev.zielwerk.segment.evaluation.Evaluation#nextChangeAt()}.</li>
 * </ul>
 */
@NullMarked
package dev.zielwerk.segment.evaluation;

import org.jspecify.annotations.NullMarked;
