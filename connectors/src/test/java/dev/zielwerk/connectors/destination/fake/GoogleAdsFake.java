package dev.zielwerk.connectors.destination.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Google Ads REST (v20) Customer Match for one user list: offline user data jobs created
 * with optional job-level consent (DENIED refused with
 * {@code CUSTOMER_NOT_ACCEPTED_CUSTOMER_DATA_TERMS}), {@code addOperations} that refuses
 * mixing create and remove in one job ({@code CONFLICTING_OPERATION}), caps identifiers
 * (100,000 a request, 20 a UserData), checks each {@code UserIdentifier} holds exactly
 * one identifier with SHA-256 hex, and reports bad operations as
 * {@code partialFailureError} when partial failure is enabled; {@code run}, then
 * {@code googleAds:search} polls that see RUNNING once before SUCCESS applies the job to
 * the list.
 */
public final class GoogleAdsFake extends FakeServer {

	private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

	private static final Set<String> IDENTIFIERS = Set.of("hashedEmail", "hashedPhoneNumber", "addressInfo",
			"thirdPartyUserId", "mobileId");

	private final String token;

	private final String developerToken;

	private final String customerId;

	private final String userList;

	private final Pattern create;

	private final Pattern jobCall;

	private final Pattern search;

	private final Set<String> list = ConcurrentHashMap.newKeySet();

	private final Set<String> rejected = ConcurrentHashMap.newKeySet();

	private final Map<Long, Job> jobs = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong(9000);

	public GoogleAdsFake(String token, String developerToken, String customerId, String userListId) {
		this.token = token;
		this.developerToken = developerToken;
		this.customerId = customerId;
		this.userList = "customers/" + customerId + "/userLists/" + userListId;
		String prefix = "^/v20/customers/" + customerId;
		this.create = Pattern.compile(prefix + "/offlineUserDataJobs:create$");
		this.jobCall = Pattern.compile(prefix + "/offlineUserDataJobs/(\\d+):(addOperations|run)$");
		this.search = Pattern.compile(prefix + "/googleAds:search$");
	}

	/** Identifiers in the user list, as {@code hashedEmail:<hex>} and so on. */
	public Set<String> list() {
		return Set.copyOf(this.list);
	}

	/**
	 * Makes Google judge this hash malformed, as if it were not valid SHA-256.
	 * @param hash the hash
	 */
	public void reject(String hash) {
		this.rejected.add(hash);
	}

	public List<Job> jobs() {
		return List.copyOf(new TreeMap<>(this.jobs).values());
	}

	@Override
	protected Reply handle(Request request) {
		if (!("Bearer " + this.token).equals(request.header("Authorization"))
				|| !this.developerToken.equals(request.header("developer-token"))) {
			return error(401, "UNAUTHENTICATED", "authenticationError", "AUTHENTICATION_ERROR",
					"Request is missing required authentication credential.");
		}
		if (!request.path().startsWith("/v20/customers/" + this.customerId + "/")) {
			return error(403, "PERMISSION_DENIED", "authorizationError", "USER_PERMISSION_DENIED",
					"User doesn't have permission to access customer.");
		}
		if (this.create.matcher(request.path()).matches()) {
			return createJob(request.json());
		}
		Matcher call = this.jobCall.matcher(request.path());
		if (call.matches()) {
			Job job = this.jobs.get(Long.parseLong(call.group(1)));
			if (job == null) {
				return error(404, "NOT_FOUND", "requestError", "RESOURCE_NOT_FOUND", "Job not found.");
			}
			return "run".equals(call.group(2)) ? run(job) : addOperations(job, request.json());
		}
		if (this.search.matcher(request.path()).matches()) {
			return search(request.json().path("query").asString(""));
		}
		return error(404, "NOT_FOUND", "requestError", "RESOURCE_NOT_FOUND", "Unknown method.");
	}

	private Reply createJob(JsonNode body) {
		JsonNode job = body.path("job");
		JsonNode metadata = job.path("customerMatchUserListMetadata");
		if (!"CUSTOMER_MATCH_USER_LIST".equals(job.path("type").asString(""))
				|| !this.userList.equals(metadata.path("userList").asString(""))) {
			return error(400, "INVALID_ARGUMENT", "offlineUserDataJobError", "INVALID_USER_LIST_ID",
					"The user list is not valid for this job.");
		}
		JsonNode consent = metadata.path("consent");
		if ("DENIED".equals(consent.path("adUserData").asString(""))
				|| "DENIED".equals(consent.path("adPersonalization").asString(""))) {
			return error(400, "INVALID_ARGUMENT", "offlineUserDataJobError",
					"CUSTOMER_NOT_ACCEPTED_CUSTOMER_DATA_TERMS", "Consent for customer data is denied.");
		}
		long id = this.ids.incrementAndGet();
		this.jobs.put(id, new Job(id, consent.isObject() ? consent.toString() : null));
		return Reply.json(200, Map.of("resourceName", "customers/" + this.customerId + "/offlineUserDataJobs/" + id));
	}

	private Reply addOperations(Job job, JsonNode body) {
		if (!"PENDING".equals(job.status)) {
			return error(400, "INVALID_ARGUMENT", "offlineUserDataJobError", "INVALID_JOB_STATUS_FOR_OPERATION",
					"Operations cannot be added to a job that has run.");
		}
		JsonNode operations = body.path("operations");
		int total = 0;
		List<Map<String, Object>> errors = new ArrayList<>();
		List<String> kinds = new ArrayList<>();
		List<List<String>> userData = new ArrayList<>();
		for (int i = 0; i < operations.size(); i++) {
			JsonNode operation = operations.path(i);
			String kind = operation.has("create") ? "create" : operation.has("remove") ? "remove" : "";
			if (kind.isEmpty() || (job.kind != null && !job.kind.equals(kind))
					|| (!kinds.isEmpty() && !kinds.get(0).equals(kind))) {
				return error(400, "INVALID_ARGUMENT", "offlineUserDataJobError", "CONFLICTING_OPERATION",
						"Create and remove operations cannot be mixed in one job.");
			}
			kinds.add(kind);
			JsonNode identifiers = operation.path(kind).path("userIdentifiers");
			total += identifiers.size();
			List<String> values = new ArrayList<>();
			String problem = (identifiers.size() > 20) ? "TOO_MANY_USER_IDENTIFIERS" : null;
			for (JsonNode identifier : identifiers.values()) {
				problem = (problem != null) ? problem : check(identifier, values);
			}
			if (problem != null) {
				errors.add(Map.of("errorCode", Map.of("offlineUserDataJobError", problem), "message",
						"The user identifier is not valid.", "location",
						Map.of("fieldPathElements", List.of(Map.of("fieldName", "operations", "index", i),
								Map.of("fieldName", kind), Map.of("fieldName", "user_identifiers")))));
				values = null;
			}
			userData.add(values);
		}
		if (total > 100_000) {
			return error(400, "INVALID_ARGUMENT", "offlineUserDataJobError", "TOO_MANY_USER_IDENTIFIERS",
					"At most 100,000 identifiers per request.");
		}
		boolean partial = body.path("enablePartialFailure").asBoolean(false);
		if (!errors.isEmpty() && !partial) {
			return Reply.json(400, Map.of("error", status(400, "INVALID_ARGUMENT", errors)));
		}
		if (!kinds.isEmpty()) {
			job.kind = kinds.get(0);
		}
		userData.stream().filter(Objects::nonNull).forEach(job.userData::add);
		return Reply.json(200, errors.isEmpty() ? Map.of() : Map.of("partialFailureError", status(3, null, errors)));
	}

	private @Nullable String check(JsonNode identifier, List<String> values) {
		if (identifier.size() != 1 || !IDENTIFIERS.contains(identifier.propertyNames().iterator().next())) {
			return "INVALID_USER_IDENTIFIER";
		}
		String field = identifier.propertyNames().iterator().next();
		String value = field.equals("addressInfo") ? identifier.path(field).path("hashedLastName").asString("")
				: identifier.path(field).asString("");
		if ((field.startsWith("hashed") || field.equals("addressInfo"))
				&& (!SHA256.matcher(value).matches() || this.rejected.contains(value))) {
			return "INVALID_SHA256_FORMAT";
		}
		values.add(field + ":" + value);
		return null;
	}

	private Reply run(Job job) {
		if (!"PENDING".equals(job.status)) {
			return error(400, "INVALID_ARGUMENT", "offlineUserDataJobError", "INVALID_JOB_STATUS_FOR_OPERATION",
					"The job has already run.");
		}
		job.status = "RUNNING";
		return Reply.json(200, Map.of("name", "customers/" + this.customerId + "/operations/" + job.id));
	}

	private Reply search(String query) {
		if (query.contains("FROM user_list WHERE user_list.resource_name = ")) {
			return Reply.json(200, Map.of("results", query.contains("'" + this.userList + "'")
					? List.of(Map.of("userList", Map.of("resourceName", this.userList, "name", "vip"))) : List.of()));
		}
		Matcher name = Pattern
			.compile("FROM offline_user_data_job WHERE offline_user_data_job.resource_name = "
					+ "'customers/\\d+/offlineUserDataJobs/(\\d+)'")
			.matcher(query);
		Job job = name.find() ? this.jobs.get(Long.parseLong(name.group(1))) : null;
		if (job == null) {
			return Reply.json(200, Map.of("results", List.of()));
		}
		if ("RUNNING".equals(job.status) && ++job.polls >= 2) {
			job.userData
				.forEach(values -> values.forEach("create".equals(job.kind) ? this.list::add : this.list::remove));
			job.status = "SUCCESS";
		}
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("resourceName", "customers/" + this.customerId + "/offlineUserDataJobs/" + job.id);
		view.put("status", job.status);
		if ("SUCCESS".equals(job.status)) {
			view.put("operationMetadata", Map.of("matchRateRange", "MATCH_RANGE_90_TO_100"));
		}
		return Reply.json(200, Map.of("results", List.of(Map.of("offlineUserDataJob", view))));
	}

	/**
	 * Google's answer when another job modifies the same list: HTTP 400,
	 * {@code CONCURRENT_MODIFICATION}, to be retried with backoff.
	 * @return the quirk
	 */
	public static Quirk concurrentModification() {
		Reply reply = error(400, "INVALID_ARGUMENT", "databaseError", "CONCURRENT_MODIFICATION",
				"Multiple requests were attempting to modify the same resource at once. Retry the request.");
		return new Quirk.Respond(reply);
	}

	private static Reply error(int http, String rpcStatus, String key, String value, String message) {
		return Reply.json(http, Map.of("error",
				status(http, rpcStatus, List.of(Map.of("errorCode", Map.of(key, value), "message", message)))));
	}

	private static Map<String, Object> status(int code, @Nullable String rpcStatus, List<Map<String, Object>> errors) {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("code", code);
		status.put("message", "Request contains an invalid argument.");
		if (rpcStatus != null) {
			status.put("status", rpcStatus);
		}
		status.put("details",
				List.of(Map.of("@type", "type.googleapis.com/google.ads.googleads.v20.errors.GoogleAdsFailure",
						"errors", errors, "requestId", "req-1")));
		return status;
	}

	/** One offline user data job as the fake holds it. */
	public static final class Job {

		private final long id;

		private final @Nullable String consent;

		private final List<List<String>> userData = new ArrayList<>();

		private volatile @Nullable String kind;

		private volatile String status = "PENDING";

		private int polls;

		Job(long id, @Nullable String consent) {
			this.id = id;
			this.consent = consent;
		}

		public @Nullable String consent() {
			return this.consent;
		}

		public @Nullable String kind() {
			return this.kind;
		}

		public String status() {
			return this.status;
		}

		public int userDataCount() {
			return this.userData.size();
		}

	}

}
