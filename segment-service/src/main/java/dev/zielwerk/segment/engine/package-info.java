/**
 * The engine: consumes the profile stream in a consumer group, keeps the per-profile
 * state tables, re-evaluates only the segments a message can affect, re-evaluates on the
 * clock exactly when an answer can change with no new message, and computes whole
 * memberships in batch.
 *
 * <p>
 * How the parts keep membership equal to a fresh batch at every instant:
 * <ul>
 * <li>A message re-evaluates, in memory over the profile's state loaded from PostgreSQL,
 * the active segments whose {@link dev.zielwerk.segment.rule.RuleIndex} reads it (event
 * name or any event, overlapping trait path, consent purpose), then every segment
 * referring to a changed one, in dependency order. A profile's first message and a merge
 * re-evaluate every segment (an empty profile can match
 * {@code not traits.x exists}).</li>
 * <li>Each evaluation's {@code nextChangeAt} (rounded up to the microsecond) is the
 * {@code evaluation_schedule} due time of that (segment, profile); none means no row. The
 * batch computes membership and next change of every COMPUTING segment in one query per
 * range of profile ids ({@link dev.zielwerk.segment.evaluation.SqlCompiler#compileBatch},
 * the same candidates as the evaluator's), and evaluates again afterwards the profiles
 * changed by transactions its starting snapshot did not see. The scheduler claims only
 * rows of ACTIVE segments.</li>
 * <li>One writer per profile: a transaction-scoped advisory lock on the profile id. The
 * scheduler claims one profile per transaction with {@code pg_try_advisory_xact_lock} and
 * {@code FOR UPDATE SKIP LOCKED}, so instances never wait on each other.</li>
 * <li>Idempotency: a message's id is inserted into {@code processed_messages} in the
 * transaction that applies it; a redelivered id does nothing. It is acknowledged (XACK)
 * after commit; Redis sets and pub/sub follow after commit, PostgreSQL being the
 * truth.</li>
 * </ul>
 *
 * <p>
 * Throughput: the event, traits and consent entries of one stream read are applied
 * together ({@link dev.zielwerk.segment.engine.BatchProcessor}): one transaction of
 * set-based statements, each touched profile evaluated once over its state after all of
 * its messages in the read (what a recomputation at that instant gives; an enter and exit
 * inside one read leave no history), only the event names the affected rules read loaded,
 * only changed due times written, {@code segments.size} updated once per segment, Redis
 * writes pipelined after commit.
 *
 * <p>
 * Ordering: an instance applies one profile's messages in stream order (different
 * profiles concurrently, merges and erasures alone), but with several instances two
 * messages of one profile can be applied in either order; events and consents (latest
 * decision wins) do not depend on it, trait updates do. Entries another instance left
 * unacknowledged for {@code zielwerk.segment.engine.claim-idle} are claimed (XPENDING and
 * XCLAIM) and processed again, safely, being idempotent.
 *
 * <p>
 * Known limit of the Redis copy: its sets are written after commit, so two writers of one
 * profile (the stream consumer and the scheduler, or a batch's follow-up) that commit one
 * right after the other can reach Redis in the opposite order, and the copy then differs
 * from PostgreSQL for that pair until the next rebuild. Writing the sets before commit,
 * under the profile's lock, and dropping the copy's marker when a commit then fails would
 * close it; not done yet.
 */
@NullMarked
package dev.zielwerk.segment.engine;

import org.jspecify.annotations.NullMarked;
