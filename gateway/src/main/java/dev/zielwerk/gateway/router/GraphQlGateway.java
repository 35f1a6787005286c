package dev.zielwerk.gateway.router;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.zielwerk.gateway.authz.Authorization;
import dev.zielwerk.gateway.authz.Authorizer;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.zielwerk.gateway.execute.PlanExecutor;
import dev.zielwerk.gateway.limits.ErrorCodes;
import dev.zielwerk.gateway.limits.OperationGuard;
import dev.zielwerk.gateway.operation.OperationPreparer;
import dev.zielwerk.gateway.operation.ParsedDocument;
import dev.zielwerk.gateway.operation.RequestError;
import dev.zielwerk.gateway.operation.RequestException;
import dev.zielwerk.gateway.plan.PlanningException;
import dev.zielwerk.gateway.plan.QueryPlan;
import dev.zielwerk.gateway.plan.QueryPlanner;
import dev.zielwerk.gateway.security.CallerContext;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.identity.CallerIdentity;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request pipeline of the gateway: parse and validate (cached by query text), pick
 * the operation, coerce variables, plan (cached by the compactly printed document,
 * operation name and the values of {@code @skip}/{@code @include} variables), execute.
 * Transport-independent, so HTTP, WebSocket and tests share it.
 */
public final class GraphQlGateway {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Log logger = LogFactory.getLog(GraphQlGateway.class);

	private final OperationGuard guard;

	private final OperationPreparer preparer;

	private final QueryPlanner planner;

	private final PlanExecutor executor;

	private final Introspection introspection;

	private final ObjectMapper mapper;

	private final Cache<String, ParsedDocument> documents;

	private final Cache<String, QueryPlan> plans;

	private final Authorizer authorizer;

	/** Authorization decisions, by plan key and caller fingerprint. */
	private final Cache<String, Authorization> authorizations;

	/**
	 * Executions of identical client queries in flight, when inbound deduplication is on.
	 */
	private final @Nullable Map<String, Mono<ObjectNode>> inflight;

	public GraphQlGateway(Supergraph supergraph, PlanExecutor executor, ObjectMapper mapper, int cacheSize) {
		this(supergraph, executor, mapper, cacheSize, false);
	}

	/**
	 * Creates the pipeline.
	 * @param supergraph the supergraph
	 * @param executor the plan executor
	 * @param mapper JSON conversion
	 * @param cacheSize how many documents and plans to keep
	 * @param deduplicateRequests whether identical client queries in flight share one
	 * execution (same document, operation, variables and debug flag)
	 */
	public GraphQlGateway(Supergraph supergraph, PlanExecutor executor, ObjectMapper mapper, int cacheSize,
			boolean deduplicateRequests) {
		this(supergraph, executor, mapper, cacheSize, deduplicateRequests, OperationGuard.defaults(supergraph));
	}

	/**
	 * Creates the pipeline with limits.
	 * @param supergraph the supergraph
	 * @param executor the plan executor
	 * @param mapper JSON conversion
	 * @param cacheSize how many documents and plans to keep
	 * @param deduplicateRequests whether identical client queries in flight share one
	 * execution
	 * @param guard the limits checked before planning
	 */
	public GraphQlGateway(Supergraph supergraph, PlanExecutor executor, ObjectMapper mapper, int cacheSize,
			boolean deduplicateRequests, OperationGuard guard) {
		this(supergraph, executor, mapper, cacheSize, deduplicateRequests, guard,
				new Authorizer(supergraph.accessRules(), supergraph.schema(), false));
	}

	/**
	 * Creates the pipeline with limits and authorization.
	 * @param supergraph the supergraph
	 * @param executor the plan executor
	 * @param mapper JSON conversion
	 * @param cacheSize how many documents and plans to keep
	 * @param deduplicateRequests whether identical client queries in flight share one
	 * execution
	 * @param guard the limits checked before planning
	 * @param authorizer what each caller may see, decided before planning
	 */
	public GraphQlGateway(Supergraph supergraph, PlanExecutor executor, ObjectMapper mapper, int cacheSize,
			boolean deduplicateRequests, OperationGuard guard, Authorizer authorizer) {
		this.guard = guard;
		this.authorizer = authorizer;
		this.authorizations = Caffeine.newBuilder().maximumSize(cacheSize).build();
		this.inflight = deduplicateRequests ? new ConcurrentHashMap<>() : null;
		this.preparer = new OperationPreparer(supergraph.apiSchema(), supergraph.schema(), guard.parserOptions(),
				guard::checkShape);
		this.planner = new QueryPlanner(supergraph);
		this.executor = executor;
		this.introspection = new Introspection(supergraph.apiSchema(), mapper);
		this.mapper = mapper;
		this.documents = Caffeine.newBuilder().maximumSize(cacheSize).build();
		this.plans = Caffeine.newBuilder().maximumSize(cacheSize).recordStats().build();
	}

	/**
	 * Executes a request.
	 * @param request the request
	 * @return the GraphQL response; request errors are answered, never signalled
	 */
	public Mono<ObjectNode> execute(GraphQlRequest request) {
		return Mono
			.deferContextual(
					(context) -> run(request, CallerContext.orAnonymous(context), CallerContext.sharingKey(context)))
			.onErrorResume(RequestException.class, (ex) -> Mono.just(errors(ex.errors())))
			.onErrorResume(PlanningException.class,
					(ex) -> Mono.just(errors(List
						.of(new RequestError(String.valueOf(ex.getMessage()), List.of(), "QUERY_PLANNING_FAILED")))))
			.onErrorResume((ex) -> {
				// no message, class name or stack trace leaves the gateway
				logger.error("Unexpected failure while executing a request", ex);
				return Mono.just(errors(List
					.of(new RequestError("Internal server error.", List.of(), ErrorCodes.INTERNAL_SERVER_ERROR))));
			});
	}

	private Mono<ObjectNode> run(GraphQlRequest request, CallerIdentity caller, @Nullable CallerIdentity sharingKey) {
		String query = queryOf(request);
		ParsedDocument parsed = this.documents.get(query, this.preparer::parse);
		Document document = parsed.document();
		if (document == null || !parsed.isValid()) {
			return Mono.just(errors(this.guard.mask(parsed.errors())));
		}
		OperationDefinition operation = this.preparer.select(document, request.operationName());
		if (operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
			throw new RequestException(
					"Subscriptions are served over graphql-ws or SSE (Accept: text/event-stream), not over this transport.",
					"BAD_REQUEST");
		}
		if (operation.getOperation() == OperationDefinition.Operation.MUTATION && !request.allowMutations()) {
			throw new RequestException("Mutations are not allowed over HTTP GET: use POST.",
					ErrorCodes.METHOD_NOT_ALLOWED);
		}
		Map<String, Object> raw = request.variables().isEmpty() ? Map.of()
				: this.mapper.convertValue(request.variables(), MAP);
		Introspection.Use introspectionUse = Introspection.use(document, operation);
		if (introspectionUse == Introspection.Use.ONLY) {
			this.guard.checkOperation(document, operation, Map.of());
			return this.introspection.execute(query, operation.getName(), raw);
		}
		Map<String, Object> variables = this.preparer.coerce(operation, raw);
		this.guard.checkOperation(document, operation, variables);
		Decision decision = decide(parsed, operation, variables, caller);
		String key = decision.key();
		Authorization authorized = decision.authorization();
		if (authorized != null) {
			if (authorized.rejected()) {
				return Mono.just(authorized.rejection());
			}
			if (authorized.allowed() == null) {
				ObjectNode empty = NODES.objectNode();
				empty.putObject("data");
				return Mono.just(authorized.complete(empty));
			}
		}
		QueryPlan plan = plan(decision, parsed, operation, variables);
		Mono<ObjectNode> response = (introspectionUse == Introspection.Use.MIXED)
				? this.introspection.execute(Introspection.introspectionOnly(document, operation), null, raw)
					.flatMap((answer) -> this.executor.execute(plan, request.variables(),
							(answer.get("data") instanceof ObjectNode data) ? data : null))
				: this.executor.execute(plan, request.variables());
		if (authorized != null && authorized.deniedAnything()) {
			response = response.map(authorized::complete);
		}
		if (request.includePlan()) {
			response = response.doOnNext((r) -> r.putObject("extensions").put("queryPlan", plan.toString()));
		}
		Map<String, Mono<ObjectNode>> inflight = this.inflight;
		if (inflight == null || operation.getOperation() != OperationDefinition.Operation.QUERY) {
			return response;
		}
		// answers may differ per caller (subgraphs see who asks)
		String requestKey = key + '\u0000' + request.variables() + '\u0000' + request.includePlan() + '\u0000'
				+ sharingKey;
		Mono<ObjectNode> execution = response;
		// the response tree is shared read-only by every caller of the same request
		return inflight.computeIfAbsent(requestKey, (k) -> execution.doFinally((signal) -> inflight.remove(k)).cache());
	}

	/**
	 * Plans a subscription with the same parsing, validation, limits, authorization and
	 * plan cache as {@link #execute(GraphQlRequest)}; the subscription transports run the
	 * plan.
	 * @param request the request
	 * @param caller who subscribes: the same {@link Authorizer} decides what they may see
	 * @return the plan, or {@code null} when the operation is a query or mutation (run it
	 * with {@link #execute(GraphQlRequest)})
	 * @throws RequestException with the errors to answer when the request is invalid or
	 * cannot be planned
	 * @throws dev.zielwerk.gateway.authz.OperationForbiddenException when the caller may
	 * not see the subscription's root field (or any field, under
	 * {@code reject-unauthorized}): a subscription has no partial answer to give
	 */
	public @Nullable AuthorizedPlan planSubscription(GraphQlRequest request, CallerIdentity caller) {
		String query = queryOf(request);
		ParsedDocument parsed = this.documents.get(query, this.preparer::parse);
		Document document = parsed.document();
		if (document == null || !parsed.isValid()) {
			throw new RequestException(this.guard.mask(parsed.errors()));
		}
		OperationDefinition operation = this.preparer.select(document, request.operationName());
		if (operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
			return null;
		}
		Map<String, Object> raw = request.variables().isEmpty() ? Map.of()
				: this.mapper.convertValue(request.variables(), MAP);
		Map<String, Object> variables = this.preparer.coerce(operation, raw);
		this.guard.checkOperation(document, operation, variables);
		Decision decision = decide(parsed, operation, variables, caller);
		Authorization authorized = decision.authorization();
		if (authorized != null && (authorized.rejected() || authorized.allowed() == null)) {
			throw authorized.forbidden();
		}
		try {
			QueryPlan plan = plan(decision, parsed, operation, variables);
			return new AuthorizedPlan(plan, (authorized != null && authorized.deniedAnything()) ? authorized : null);
		}
		catch (PlanningException ex) {
			throw new RequestException(String.valueOf(ex.getMessage()), "QUERY_PLANNING_FAILED");
		}
	}

	/**
	 * Runs the fetches of a subscription's plan that follow its root fetch for one event.
	 * @param dependents the operation with the fetches after the root fetch
	 * @param variables the client's variables as sent
	 * @param event the subgraph's payload of the event ({@code data}, {@code errors})
	 * @param subgraph the subgraph that sent it
	 * @return the response to deliver
	 */
	public Mono<ObjectNode> executeSubscriptionEvent(QueryPlan dependents, ObjectNode variables, ObjectNode event,
			String subgraph) {
		return this.executor.executeAfterRoot(dependents, variables, event, subgraph);
	}

	/** Hits and misses of the plan cache, for metrics. */
	public CacheStats planCacheStats() {
		return this.plans.stats();
	}

	long cachedPlans() {
		this.plans.cleanUp();
		return this.plans.estimatedSize();
	}

	private static String queryOf(GraphQlRequest request) {
		String query = request.query();
		if (query == null || query.isBlank()) {
			throw new RequestException("GraphQL operations must contain a non-empty `query`.", "BAD_REQUEST");
		}
		return query;
	}

	/**
	 * The plan cache key and, for a caller the authorizer judges, its decision: made
	 * before planning, so denied fields are never fetched, and cached per kind of caller.
	 */
	private Decision decide(ParsedDocument parsed, OperationDefinition operation, Map<String, Object> variables,
			CallerIdentity caller) {
		String key = planKey(operation, parsed, variables);
		if (!this.authorizer.applies(caller)) {
			return new Decision(key, null);
		}
		String judged = key + '\u0000' + this.authorizer.fingerprint(caller);
		return new Decision(judged,
				this.authorizations.get(judged, (k) -> this.authorizer.authorize(
						this.preparer.normalize(Objects.requireNonNull(parsed.document()), operation, variables),
						caller)));
	}

	/** The cached plan of what the decision allows (the whole operation without one). */
	private QueryPlan plan(Decision decision, ParsedDocument parsed, OperationDefinition operation,
			Map<String, Object> variables) {
		Authorization authorized = decision.authorization();
		return this.plans.get(decision.key(), (k) -> this.planner.plan((authorized != null) ? authorized.allowed()
				: this.preparer.normalize(Objects.requireNonNull(parsed.document()), operation, variables)));
	}

	private record Decision(String key, @Nullable Authorization authorization) {
	}

	private static String planKey(OperationDefinition operation, ParsedDocument parsed, Map<String, Object> variables) {
		String text = parsed.normalizedText();
		StringBuilder key = new StringBuilder(text.length() + 32).append(text)
			.append('\u0000')
			.append((operation.getName() != null) ? operation.getName() : "");
		for (String name : parsed.conditionVariables()) {
			key.append('\u0000').append(name).append('=').append(variables.get(name));
		}
		return key.toString();
	}

	private static ObjectNode errors(List<RequestError> errors) {
		ObjectNode response = NODES.objectNode();
		ArrayNode array = response.putArray("errors");
		for (RequestError error : errors) {
			ObjectNode node = array.addObject();
			node.put("message", error.message());
			if (!error.locations().isEmpty()) {
				ArrayNode locations = node.putArray("locations");
				for (SourceLocation location : error.locations()) {
					locations.addObject().put("line", location.getLine()).put("column", location.getColumn());
				}
			}
			node.putObject("extensions").put("code", error.code());
		}
		return response;
	}

}
