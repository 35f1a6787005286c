/**
 * Audience syncs: segment members pulled with their consent through the gateway, diffed
 * against what each destination already has, and sent in durable, resumable runs that
 * workers claim from PostgreSQL; scheduled by cron or driven by real-time membership
 * changes; consent withdrawals and erasures from the profile stream turned into removals
 * at every destination.
 */
@NullMarked
package dev.zielwerk.connectors.sync;

import org.jspecify.annotations.NullMarked;
