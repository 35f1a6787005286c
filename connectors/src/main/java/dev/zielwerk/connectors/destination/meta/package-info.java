/**
 * Meta Custom Audiences (customer list): {@code /{audience_id}/users} add and remove with
 * a multi-key schema of normalised, SHA-256 hashed identifiers, in sessions of up to
 * 10,000 records per request.
 */
@NullMarked
package dev.zielwerk.connectors.destination.meta;

import org.jspecify.annotations.NullMarked;
