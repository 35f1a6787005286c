package dev.zielwerk.connectors.destination.fake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Meta Graph API {@code /{audience_id}/users} for one custom audience: Bearer token, POST
 * adds and DELETE removes, {@code session} (positive id, consecutive {@code batch_seq},
 * running {@code num_received}), {@code payload} with a multi-key schema and a 2-D
 * {@code data} of at most 10,000 rows, hashed values checked as lower-case SHA-256 hex.
 * Malformed values, and any listed with {@link #treatAsInvalid(String)}, are counted in
 * {@code num_invalid_entries} and sampled in {@code invalid_entry_samples} with HTTP 200;
 * shape errors get Meta's error object with code 100.
 */
public final class MetaFake extends FakeServer {

	private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

	private final String token;

	private final String usersPath;

	private final Set<String> audience = ConcurrentHashMap.newKeySet();

	private volatile boolean flagged;

	private final Set<String> invalid = ConcurrentHashMap.newKeySet();

	private final Map<Long, Long> received = new ConcurrentHashMap<>();

	private final List<Map<String, Object>> sessions = Collections.synchronizedList(new ArrayList<>());

	public MetaFake(String token, String audienceId) {
		this.token = token;
		this.usersPath = "/v21.0/" + audienceId + "/users";
	}

	public void treatAsInvalid(String hash) {
		this.invalid.add(hash);
	}

	/** E-mail hashes (first schema column) in the audience. */
	public Set<String> emailHashes() {
		return Set.copyOf(this.audience);
	}

	/** session_id, batch_seq, last_batch_flag and row count of every accepted request. */
	public List<Map<String, Object>> sessions() {
		synchronized (this.sessions) {
			return List.copyOf(this.sessions);
		}
	}

	/**
	 * Marks the audience flagged: {@code operation_status} 471.
	 */
	public void flag() {
		this.flagged = true;
	}

	@Override
	protected Reply handle(Request request) {
		if (!("Bearer " + this.token).equals(request.header("Authorization"))) {
			return error(400, 190, 0, "OAuthException", "Invalid OAuth access token - Cannot parse access token");
		}
		if ("GET".equals(request.method()) && (request.path() + "/users").equals(this.usersPath)) {
			Map<String, Object> status = this.flagged
					? Map.of("code", 471, "description", "This audience has been flagged for review.")
					: Map.of("code", 200, "description", "Normal");
			return Reply.json(200,
					Map.of("id", request.path().split("/")[2], "name", "vip", "operation_status", status));
		}
		if (!request.path().equals(this.usersPath)) {
			return error(400, 100, 33, "GraphMethodException",
					"Unsupported post request. Object does not exist, cannot be loaded due to missing permissions,"
							+ " or does not support this operation");
		}
		JsonNode body = request.json();
		JsonNode session = body.path("session");
		long sessionId = session.path("session_id").asLong(0);
		int sequence = session.path("batch_seq").asInt(0);
		if (sessionId <= 0 || sequence < 1) {
			return error(400, 100, 0, "OAuthException", "(#100) session_id and batch_seq must be positive");
		}
		JsonNode schema = body.path("payload").path("schema");
		JsonNode data = body.path("payload").path("data");
		if (!schema.isArray() || !"EMAIL".equals(schema.path(0).asString("")) || !data.isArray()) {
			return error(400, 100, 0, "OAuthException", "(#100) Invalid schema or data");
		}
		if (data.size() > 10_000) {
			return error(400, 100, 0, "OAuthException", "(#100) Too many entries: at most 10000 per request");
		}
		for (JsonNode row : data.values()) {
			if (!row.isArray() || row.size() != schema.size()) {
				return error(400, 100, 0, "OAuthException", "(#100) Each data row must match the schema");
			}
		}
		Map<String, String> samples = new LinkedHashMap<>();
		int invalidCount = 0;
		for (JsonNode row : data.values()) {
			String bad = null;
			for (JsonNode value : row.values()) {
				String text = value.asString("");
				if (!text.isEmpty() && (!SHA256.matcher(text).matches() || this.invalid.contains(text))) {
					bad = text;
				}
			}
			if (bad != null) {
				invalidCount++;
				if (samples.size() < 100) {
					samples.put(bad, "Invalid entry");
				}
				continue;
			}
			String email = row.path(0).asString("");
			if ("DELETE".equals(request.method())) {
				this.audience.remove(email);
			}
			else {
				this.audience.add(email);
			}
		}
		long total = this.received.merge(sessionId, (long) data.size(), Long::sum);
		this.sessions.add(Map.of("session_id", sessionId, "batch_seq", sequence, "last_batch_flag",
				session.path("last_batch_flag").asBoolean(false), "rows", data.size()));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("audience_id", request.path().split("/")[2]);
		answer.put("session_id", sessionId);
		answer.put("num_received", total);
		answer.put("num_invalid_entries", invalidCount);
		answer.put("invalid_entry_samples", samples);
		return Reply.json(200, answer);
	}

	/**
	 * Meta's throttle for the custom-audience business use case: HTTP 400, code 80003.
	 * @param regainMinutes {@code estimated_time_to_regain_access}
	 * @return the quirk
	 */
	public static Quirk throttled(int regainMinutes) {
		String usage = "{\"123\":[{\"type\":\"custom_audience\",\"call_count\":100,\"total_cputime\":10,"
				+ "\"total_time\":10,\"estimated_time_to_regain_access\":" + regainMinutes + "}]}";
		return Quirk.respond(400, Map.of("X-Business-Use-Case-Usage", usage), "application/json",
				"{\"error\":{\"message\":\"(#80003) There have been too many calls to this ad-account.\","
						+ "\"type\":\"OAuthException\",\"code\":80003,\"error_subcode\":2446079,"
						+ "\"fbtrace_id\":\"AbCdEf\"}}");
	}

	private static Reply error(int status, int code, int subcode, String type, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("type", type);
		error.put("code", code);
		if (subcode != 0) {
			error.put("error_subcode", subcode);
		}
		error.put("fbtrace_id", "AbCdEf");
		return Reply.json(status, Map.of("error", error));
	}

}
