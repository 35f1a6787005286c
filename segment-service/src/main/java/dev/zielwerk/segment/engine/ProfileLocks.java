package dev.zielwerk.segment.engine;

import java.util.Collection;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * One writer per profile at a time, across every instance: a transaction-scoped
 * PostgreSQL advisory lock on the profile id. The stream consumer waits for it; the
 * scheduler only claims profiles whose lock it gets at once (same key function, see
 * {@link TimeScheduler}).
 */
@Component
final class ProfileLocks {

	static final String KEY = "hashtextextended(%s::text, 0)";

	private final DatabaseClient database;

	ProfileLocks(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * Locks profiles in id order (so two transactions never wait on each other in a
	 * circle) until the transaction ends.
	 * @param profileIds the profiles
	 * @return done once all are held
	 */
	Mono<Void> lock(Collection<UUID> profileIds) {
		UUID[] ordered = profileIds.stream().distinct().sorted().toArray(UUID[]::new);
		if (ordered.length == 0) {
			return Mono.empty();
		}
		// one round trip; the subquery takes the locks in array order
		return this.database
			.sql("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + KEY.formatted("id")
					+ ") FROM unnest($1::uuid[]) AS id) AS locked")
			.bind(0, ordered)
			.map((row) -> true)
			.all()
			.then();
	}

}
