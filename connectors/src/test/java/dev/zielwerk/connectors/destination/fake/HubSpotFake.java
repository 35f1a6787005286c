package dev.zielwerk.connectors.destination.fake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * HubSpot CRM v3 for one MANUAL list: contacts batch upsert (at most 100 inputs; one
 * invalid e-mail fails the whole batch with {@code VALIDATION_ERROR}), batch read by
 * e-mail (HTTP 207 with {@code OBJECT_NOT_FOUND} errors when some are missing), and list
 * memberships add/remove by record id ({@code recordIdsMissing} for unknown ids), Bearer
 * auth, and HubSpot's 429 body with {@code policyName}.
 */
public final class HubSpotFake extends FakeServer {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$");

	private final String token;

	private final String listId;

	private final Map<String, String> contacts = new ConcurrentHashMap<>();

	private final Set<String> members = ConcurrentHashMap.newKeySet();

	private final AtomicLong ids = new AtomicLong(1000);

	private volatile String processingType = "MANUAL";

	public HubSpotFake(String token, String listId) {
		this.token = token;
		this.listId = listId;
	}

	/**
	 * Makes the list an active (rule-based) list, which refuses membership calls.
	 * @param type {@code MANUAL}, {@code SNAPSHOT} or {@code DYNAMIC}
	 */
	public void processingType(String type) {
		this.processingType = type;
	}

	public Map<String, String> contacts() {
		return Map.copyOf(this.contacts);
	}

	/** E-mails of the contacts in the list. */
	public Set<String> listEmails() {
		Set<String> emails = new HashSet<>();
		this.contacts.forEach((email, id) -> {
			if (this.members.contains(id)) {
				emails.add(email);
			}
		});
		return emails;
	}

	@Override
	protected Reply handle(Request request) {
		if (!("Bearer " + this.token).equals(request.header("Authorization"))) {
			return Reply.json(401,
					Map.of("status", "error", "message",
							"Authentication credentials not found. This API supports OAuth 2.0 authentication.",
							"category", "INVALID_AUTHENTICATION"));
		}
		String path = request.path();
		if ("POST".equals(request.method()) && path.equals("/crm/v3/objects/contacts/batch/upsert")) {
			return upsert(request.json().path("inputs"));
		}
		if ("POST".equals(request.method()) && path.equals("/crm/v3/objects/contacts/batch/read")) {
			return read(request.json());
		}
		if ("POST".equals(request.method()) && path.equals("/crm/v3/objects/contacts/gdpr-delete")) {
			JsonNode body = request.json();
			String id = "email".equals(body.path("idProperty").asString(""))
					? this.contacts.remove(body.path("objectId").asString("")) : null;
			if (id == null) {
				return Reply.json(404,
						Map.of("status", "error", "message", "Object not found", "category", "OBJECT_NOT_FOUND"));
			}
			this.members.remove(id);
			return new Reply(204, Map.of(), "application/json", "");
		}
		if ("GET".equals(request.method()) && path.startsWith("/crm/v3/lists/")) {
			return path.equals("/crm/v3/lists/" + this.listId)
					? Reply.json(200,
							Map.of("list",
									Map.of("listId", this.listId, "name", "vip", "objectTypeId", "0-1",
											"processingType", this.processingType)))
					: Reply.json(404, Map.of("status", "error", "message", "List does not exist", "category",
							"OBJECT_NOT_FOUND"));
		}
		String memberships = "/crm/v3/lists/" + this.listId + "/memberships/";
		if ("PUT".equals(request.method()) && path.startsWith("/crm/v3/lists/") && path.contains("/memberships/")) {
			if (!path.startsWith(memberships)) {
				return Reply.json(404,
						Map.of("status", "error", "message", "List does not exist", "category", "OBJECT_NOT_FOUND"));
			}
			return membership(path.substring(memberships.length()), request.json());
		}
		return Reply.json(404, Map.of("status", "error", "message", "Not found", "category", "OBJECT_NOT_FOUND"));
	}

	private Reply upsert(JsonNode inputs) {
		if (inputs.size() > 100) {
			return validation("Batch input can contain at most 100 inputs.");
		}
		for (JsonNode input : inputs.values()) {
			String email = input.path("id").asString("");
			if (!"email".equals(input.path("idProperty").asString("")) || !EMAIL.matcher(email).matches()) {
				return validation("Property values were not valid: [{\"isValid\":false,\"message\":\"Email address "
						+ email + " is invalid\",\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]");
			}
		}
		List<Object> results = new ArrayList<>();
		for (JsonNode input : inputs.values()) {
			String email = input.path("id").asString("");
			boolean created = !this.contacts.containsKey(email);
			String id = this.contacts.computeIfAbsent(email, e -> String.valueOf(this.ids.incrementAndGet()));
			results.add(Map.of("id", id, "properties", Map.of("email", email), "new", created));
		}
		return Reply.json(200, Map.of("status", "COMPLETE", "results", results));
	}

	private Reply read(JsonNode body) {
		if (!"email".equals(body.path("idProperty").asString("")) || body.path("inputs").size() > 100) {
			return validation("idProperty must be email and inputs at most 100.");
		}
		List<Object> results = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		for (JsonNode input : body.path("inputs").values()) {
			String email = input.path("id").asString("");
			String id = this.contacts.get(email);
			if (id == null) {
				missing.add(email);
			}
			else {
				results.add(Map.of("id", id, "properties", Map.of("email", email)));
			}
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "COMPLETE");
		answer.put("results", results);
		if (missing.isEmpty()) {
			return Reply.json(200, answer);
		}
		answer.put("numErrors", 1);
		answer.put("errors",
				List.of(Map.of("status", "error", "category", "OBJECT_NOT_FOUND", "message",
						"Could not get some CONTACT objects, they may be deleted or not exist.", "context",
						Map.of("ids", missing))));
		return Reply.json(207, answer);
	}

	private Reply membership(String operation, JsonNode ids) {
		if (!ids.isArray()) {
			return validation("Body must be an array of record ids.");
		}
		List<String> changed = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		for (JsonNode value : ids.values()) {
			String id = value.asString("");
			if (!this.contacts.containsValue(id)) {
				missing.add(id);
			}
			else if ("add".equals(operation) ? this.members.add(id) : this.members.remove(id)) {
				changed.add(id);
			}
		}
		String field = "add".equals(operation) ? "recordIdsAdded" : "recordIdsRemoved";
		return Reply.json(200, Map.of(field, changed, "recordIdsMissing", missing));
	}

	/**
	 * HubSpot's burst limit answer (no {@code Retry-After}).
	 * @return the quirk
	 */
	public static Quirk rateLimited() {
		return Quirk.respond(429, "application/json",
				"{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\","
						+ "\"errorType\":\"RATE_LIMIT\",\"correlationId\":\"c-1\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}");
	}

	private static Reply validation(String message) {
		return Reply.json(400,
				Map.of("status", "error", "message", message, "correlationId", "c-1", "category", "VALIDATION_ERROR"));
	}

}
