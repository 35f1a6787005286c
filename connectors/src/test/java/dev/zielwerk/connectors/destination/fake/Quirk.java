package dev.zielwerk.connectors.destination.fake;

import java.time.Duration;
import java.util.Map;

/**
 * A misbehaviour a fake applies to one request instead of (or before) its normal answer.
 */
public sealed interface Quirk {

	/**
	 * A fixed answer.
	 *
	 * @param reply the answer
	 */
	record Respond(FakeServer.Reply reply) implements Quirk {

	}

	/** The connection is reset (TCP RST) before any answer. */
	record Reset() implements Quirk {

	}

	/**
	 * The normal answer, late.
	 *
	 * @param delay the delay
	 */
	record Delay(Duration delay) implements Quirk {

	}

	static Quirk respond(int status, String contentType, String body) {
		return new Respond(new FakeServer.Reply(status, Map.of(), contentType, body));
	}

	static Quirk respond(int status, Map<String, String> headers, String contentType, String body) {
		return new Respond(new FakeServer.Reply(status, headers, contentType, body));
	}

	static Quirk reset() {
		return new Reset();
	}

	static Quirk delay(Duration delay) {
		return new Delay(delay);
	}

}
