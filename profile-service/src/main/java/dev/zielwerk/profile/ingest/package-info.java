/**
 * Ingestion in the Segment HTTP Tracking API spec ({@code /v1/track}, {@code /v1/batch},
 * ...): write-key auth, size limits, per-message validation, de-duplication and the one
 * transaction that commits a batch with its outbox messages.
 */
@NullMarked
package dev.zielwerk.profile.ingest;

import org.jspecify.annotations.NullMarked;
