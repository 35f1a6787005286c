/**
 * The transactional outbox and its relay into the Redis profile stream: every accepted
 * change is written as an outbox row in the transaction that makes it, then appended to
 * the stream at least once, in commit order.
 */
@NullMarked
package dev.zielwerk.profile.outbox;

import org.jspecify.annotations.NullMarked;
