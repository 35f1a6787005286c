package dev.zielwerk.profile.identity;

/**
 * A concurrent transaction changed who owns an identifier between reading and writing it
 * (a profile merged or erased, an identifier linked). The whole transaction is retried.
 */
public final class IdentityRaceException extends RuntimeException {

	IdentityRaceException(String message) {
		super(message);
	}

}
