/**
 * Consent per purpose with its complete history: recording changes (from GraphQL, from
 * {@code context.consent} of Segment-spec messages, from imports) and reading them.
 */
@NullMarked
package dev.zielwerk.profile.consent;

import org.jspecify.annotations.NullMarked;
