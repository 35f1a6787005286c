/**
 * Persisted queries: automatic persisted queries (the {@code persistedQuery} extension
 * with a SHA-256 hash, as Apollo clients send it) and a safelist mode in which only
 * registered operations run. Stored in Redis so every gateway instance shares them, with
 * a small local cache in front.
 */
@NullMarked
package dev.zielwerk.gateway.apq;

import org.jspecify.annotations.NullMarked;
