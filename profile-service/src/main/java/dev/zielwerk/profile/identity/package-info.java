/**
 * Identifiers of a person (user id, e-mail, phone, ...) and their normalization, shared
 * by ingestion and lookups so that both see the same value.
 */
@NullMarked
package dev.zielwerk.profile.identity;

import org.jspecify.annotations.NullMarked;
