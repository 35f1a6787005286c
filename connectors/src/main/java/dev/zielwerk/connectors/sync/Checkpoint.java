package dev.zielwerk.connectors.sync;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a run stands, committed with what it sent: resuming from it repeats nothing that
 * was recorded.
 *
 * @param phase {@code MEMBERS} (paging the audience), {@code LEAVERS} (a mirror run's
 * removals of members who left) or {@code SCOPE} (a real-time run's profiles); empty
 * before the first commit
 * @param cursor the audience cursor after the last committed page
 * @param after the last committed member key of a keyset phase
 */
record Checkpoint(String phase, @Nullable String cursor, @Nullable String after) {

	static final String MEMBERS = "MEMBERS";

	static final String LEAVERS = "LEAVERS";

	static final String SCOPE = "SCOPE";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Checkpoint start() {
		return new Checkpoint("", null, null);
	}

	static Checkpoint parse(String json) {
		Checkpoint parsed = JSON.readValue(json, Checkpoint.class);
		return (parsed.phase() == null) ? start() : parsed;
	}

	String json() {
		return JSON.writeValueAsString(this);
	}

}
