package dev.zielwerk.segment.evaluation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The answer for one profile at one instant.
 *
 * @param member whether the profile is in the segment
 * @param nextChangeAt the earliest instant after {@code now} at which the answer could
 * change without a new message, or {@code null} when only a message can change it; it may
 * be earlier than the real change, never later
 */
public record Evaluation(boolean member, @Nullable Instant nextChangeAt) {
}
