package dev.zielwerk.connectors.graphql;

import java.util.UUID;

import dev.zielwerk.connectors.error.InvalidInputException;

/** Parses ids of the API; a malformed id is bad input on the named field. */
final class Ids {

	private Ids() {
	}

	static UUID parse(String field, String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "not an id");
		}
	}

}
