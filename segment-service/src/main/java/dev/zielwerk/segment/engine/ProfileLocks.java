package dev.zielwerk.segment.engine;

import java.util.Collection;
import java.util.UUID;

import reactor.core.publisher.Flux;
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
		return Flux.fromIterable(profileIds)
			.distinct()
			.sort()
			.concatMap((id) -> this.database.sql("SELECT 1 FROM pg_advisory_xact_lock(" + KEY.formatted("$1") + ")")
				.bind(0, id)
				.map((row) -> true)
				.all())
			.then();
	}

}
