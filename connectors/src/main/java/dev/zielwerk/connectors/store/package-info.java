/**
 * Database wiring of the connectors service: every connection works in schema
 * {@code connector}.
 */
@NullMarked
package dev.zielwerk.connectors.store;

import org.jspecify.annotations.NullMarked;
