package dev.zielwerk.connectors.destination.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zielwerk.connectors.destination.Identifiers;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Mailchimp Marketing API v3 for one list: batch subscribe ({@code POST /3.0/lists/{id}},
 * at most 500 members, per-member {@code errors} with HTTP 200, compliance lock on
 * unsubscribed and cleaned members, forgotten e-mails), static segment membership, Basic
 * auth with the API key as password, problem+json errors, and 429 beyond 10 simultaneous
 * connections.
 */
public final class MailchimpFake extends FakeServer {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$");

	private static final Set<String> STATUSES = Set.of("subscribed", "unsubscribed", "cleaned", "pending",
			"transactional");

	private final String apiKey;

	private final Pattern listPath;

	private final Pattern segmentPath;

	private final String segmentId;

	private final Pattern deletePath;

	private final Map<String, String> members = new ConcurrentHashMap<>();

	private final Set<String> segment = ConcurrentHashMap.newKeySet();

	private final Set<String> forgotten = ConcurrentHashMap.newKeySet();

	private final AtomicInteger largestBatch = new AtomicInteger();

	public MailchimpFake(String apiKey, String listId, String segmentId) {
		this.apiKey = apiKey;
		this.listPath = Pattern.compile("^/3\\.0/lists/" + Pattern.quote(listId) + "$");
		this.segmentPath = Pattern.compile("^/3\\.0/lists/" + Pattern.quote(listId) + "/segments/(\\w+)$");
		this.deletePath = Pattern
			.compile("^/3\\.0/lists/" + Pattern.quote(listId) + "/members/([0-9a-f]{32})/actions/delete-permanent$");
		this.segmentId = segmentId;
	}

	/** Base URL as the client sees it. */
	public String apiUrl() {
		return url() + "/3.0";
	}

	public void putMember(String email, String status) {
		this.members.put(email, status);
	}

	public void forget(String email) {
		this.members.remove(email);
		this.forgotten.add(email);
	}

	public Map<String, String> members() {
		return Map.copyOf(this.members);
	}

	public Set<String> segment() {
		return Set.copyOf(this.segment);
	}

	public int largestBatch() {
		return this.largestBatch.get();
	}

	@Override
	protected Reply handle(Request request) {
		if (inFlight() > 10) {
			return problem(429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections.");
		}
		if (!authorised(request.header("Authorization"))) {
			return problem(401, "API Key Invalid",
					"Your API key may be invalid, or you've attempted to access the wrong datacenter.");
		}
		if ("GET".equals(request.method()) && this.listPath.matcher(request.path()).matches()) {
			return Reply.json(200,
					Map.of("id", request.path().substring("/3.0/lists/".length()), "name", "Newsletter"));
		}
		Matcher segmentGet = this.segmentPath.matcher(request.path());
		if ("GET".equals(request.method()) && segmentGet.matches() && segmentGet.group(1).equals(this.segmentId)) {
			return Reply.json(200, Map.of("id", this.segmentId, "name", "vip", "type", "static"));
		}
		if ("POST".equals(request.method()) && this.listPath.matcher(request.path()).matches()) {
			return batchSubscribe(request.json());
		}
		Matcher segment = this.segmentPath.matcher(request.path());
		if ("POST".equals(request.method()) && segment.matches() && segment.group(1).equals(this.segmentId)) {
			return segmentMembers(request.json());
		}
		Matcher delete = this.deletePath.matcher(request.path());
		if ("POST".equals(request.method()) && delete.matches()) {
			return deletePermanently(delete.group(1));
		}
		return problem(404, "Resource Not Found", "The requested resource could not be found.");
	}

	private Reply deletePermanently(String hash) {
		String email = this.members.keySet()
			.stream()
			.filter(e -> Identifiers.md5Hex(e).equals(hash))
			.findFirst()
			.orElse(null);
		if (email == null) {
			return problem(404, "Resource Not Found", "The requested resource could not be found.");
		}
		forget(email);
		this.segment.remove(email);
		return new Reply(204, Map.of(), "application/json", "");
	}

	private Reply batchSubscribe(JsonNode body) {
		JsonNode members = body.path("members");
		if (!members.isArray() || members.size() > 500) {
			return problem(400, "Invalid Resource",
					"The resource submitted could not be validated. members: at most 500.");
		}
		this.largestBatch.accumulateAndGet(members.size(), Math::max);
		boolean updateExisting = body.path("update_existing").asBoolean(false);
		List<Object> created = new ArrayList<>();
		List<Object> updated = new ArrayList<>();
		List<Object> errors = new ArrayList<>();
		for (JsonNode member : members.values()) {
			String email = member.path("email_address").asString("").toLowerCase(Locale.ROOT);
			String status = member.path("status").asString("");
			String existing = this.members.get(email);
			if (!EMAIL.matcher(email).matches()) {
				errors.add(error(email, email + " looks fake or invalid, please enter a real email address.",
						"ERROR_GENERIC"));
			}
			else if (!STATUSES.contains(status)) {
				errors.add(error(email, "Invalid status " + status, "ERROR_GENERIC"));
			}
			else if (this.forgotten.contains(email)) {
				errors.add(error(email, "Forgotten Email Not Subscribed", "ERROR_GENERIC"));
			}
			else if (existing == null) {
				this.members.put(email, status);
				created.add(member(email, status));
			}
			else if (!updateExisting) {
				errors.add(error(email, email + " is already a list member.", "ERROR_CONTACT_EXISTS"));
			}
			else if ("subscribed".equals(status) && Set.of("unsubscribed", "cleaned").contains(existing)) {
				errors.add(error(email, email + " is in a compliance state due to unsubscribe, bounce, or compliance"
						+ " review and cannot be subscribed.", "ERROR_GENERIC"));
			}
			else {
				this.members.put(email, status);
				updated.add(member(email, status));
			}
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("new_members", created);
		answer.put("updated_members", updated);
		answer.put("errors", errors);
		answer.put("total_created", created.size());
		answer.put("total_updated", updated.size());
		answer.put("error_count", errors.size());
		answer.put("_links", List.of());
		return Reply.json(200, answer);
	}

	private Reply segmentMembers(JsonNode body) {
		JsonNode add = body.path("members_to_add");
		JsonNode remove = body.path("members_to_remove");
		if (add.size() > 500 || remove.size() > 500) {
			return problem(400, "Invalid Resource", "members_to_add and members_to_remove take at most 500 each.");
		}
		List<Object> added = new ArrayList<>();
		List<Object> removed = new ArrayList<>();
		for (JsonNode value : add.values()) {
			String email = value.asString("").toLowerCase(Locale.ROOT);
			// e-mails that are not on the list are ignored
			if (this.members.containsKey(email) && this.segment.add(email)) {
				added.add(member(email, this.members.get(email)));
			}
		}
		for (JsonNode value : remove.values()) {
			String email = value.asString("").toLowerCase(Locale.ROOT);
			if (this.segment.remove(email)) {
				removed.add(member(email, this.members.get(email)));
			}
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("members_added", added);
		answer.put("members_removed", removed);
		answer.put("errors", List.of());
		answer.put("total_added", added.size());
		answer.put("total_removed", removed.size());
		answer.put("error_count", 0);
		return Reply.json(200, answer);
	}

	private boolean authorised(@Nullable String header) {
		if (header == null || !header.startsWith("Basic ")) {
			return false;
		}
		String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
		return decoded.endsWith(":" + this.apiKey);
	}

	private static Map<String, Object> member(String email, String status) {
		return Map.of("id", Identifiers.md5Hex(email), "email_address", email, "status", status);
	}

	private static Map<String, Object> error(String email, String message, String code) {
		return Map.of("email_address", email, "error", message, "error_code", code, "field", "email_address",
				"field_message", message);
	}

	private static Reply problem(int status, String title, String detail) {
		return new Reply(status, Map.of(), "application/problem+json",
				JSON.writeValueAsString(Map.of("type", "https://mailchimp.com/developer/marketing/docs/errors/",
						"title", title, "status", status, "detail", detail, "instance", UUID.randomUUID().toString())));
	}

}
