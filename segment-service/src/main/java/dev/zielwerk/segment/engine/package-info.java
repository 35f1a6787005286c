/**
 * The engine: consumes the profile stream in a consumer group, keeps the per-profile
 * state tables, re-evaluates only the segments a message can affect, and re-evaluates on
 * the clock exactly when an answer can change with no new message.
 */
@NullMarked
package dev.zielwerk.segment.engine;

import org.jspecify.annotations.NullMarked;
