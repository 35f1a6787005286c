package dev.zielwerk.profile.ingest;

import java.util.Set;

import dev.zielwerk.profile.identity.IdentityRaceException;
import io.r2dbc.spi.R2dbcException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Failures after which the whole batch transaction is simply run again: a lost identity
 * race, a deadlock or serialization failure, a unique violation from a concurrent insert.
 */
final class Retryable {

	private static final Set<String> STATES = Set.of("40001", "40P01", "23505");

	private Retryable() {
	}

	static boolean test(Throwable failure) {
		for (@Nullable
		Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof IdentityRaceException || t instanceof ConcurrencyFailureException
					|| t instanceof DuplicateKeyException) {
				return true;
			}
			if (t instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null
					&& STATES.contains(r2dbc.getSqlState())) {
				return true;
			}
		}
		return false;
	}

}
