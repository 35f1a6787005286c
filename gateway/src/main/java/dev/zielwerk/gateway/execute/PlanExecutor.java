package dev.zielwerk.gateway.execute;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import dev.zielwerk.gateway.operation.Field;
import dev.zielwerk.gateway.plan.KeyRename;
import dev.zielwerk.gateway.plan.PlanNode;
import dev.zielwerk.gateway.plan.QueryPlan;
import dev.zielwerk.gateway.supergraph.Subgraph;
import dev.zielwerk.gateway.supergraph.Supergraph;
import graphql.schema.GraphQLInterfaceType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs query plans: sequences in order, parallels at once, entity fetches with all
 * representations of a step in one request. Subgraph errors are re-pathed into the
 * client's paths; a failed fetch leaves its fields null and the rest of the response
 * intact.
 */
public final class PlanExecutor {

	private static final Log logger = LogFactory.getLog(PlanExecutor.class);

	private final Supergraph supergraph;

	private final SubgraphClient client;

	private final ObjectMapper mapper;

	private final @Nullable InflightRequests inflight;

	private final OwnedFields owned = new OwnedFields();

	/**
	 * Creates an executor that shares identical in-flight subgraph queries.
	 * @param supergraph the supergraph the plans were made for
	 * @param client the transport to subgraphs
	 * @param mapper JSON reading and writing
	 */
	public PlanExecutor(Supergraph supergraph, SubgraphClient client, ObjectMapper mapper) {
		this(supergraph, client, mapper, true);
	}

	/**
	 * Creates an executor.
	 * @param supergraph the supergraph the plans were made for
	 * @param client the transport to subgraphs
	 * @param mapper JSON reading and writing
	 * @param deduplicate whether identical in-flight subgraph queries share one request
	 * (never mutations)
	 */
	public PlanExecutor(Supergraph supergraph, SubgraphClient client, ObjectMapper mapper, boolean deduplicate) {
		this.supergraph = supergraph;
		this.client = client;
		this.mapper = mapper;
		this.inflight = deduplicate ? new InflightRequests() : null;
	}

	/**
	 * Executes a plan.
	 * @param plan the plan
	 * @param variables the client's variables as sent (forwarded to subgraphs as they
	 * are)
	 * @return the GraphQL response: {@code errors} when there are any, then {@code data}
	 */
	public Mono<ObjectNode> execute(QueryPlan plan, ObjectNode variables) {
		return execute(plan, variables, null);
	}

	/**
	 * Executes a plan on top of root fields answered elsewhere (introspection).
	 * @param plan the plan
	 * @param variables the client's variables as sent
	 * @param rootData root fields already answered, merged before the fetches run
	 * @return the GraphQL response
	 */
	public Mono<ObjectNode> execute(QueryPlan plan, ObjectNode variables, @Nullable ObjectNode rootData) {
		ExecutionState state = new ExecutionState();
		if (rootData != null) {
			state.mergeRoot(rootData);
		}
		Mono<Void> run = (plan.root() != null) ? run(plan.root(), state, variables) : Mono.empty();
		return run.then(Mono.fromCallable(() -> respond(plan, state)));
	}

	/**
	 * Executes the fetches that depend on a root result obtained elsewhere: one event of
	 * a subscription. The event is merged as a root fetch's response would be (its errors
	 * credited to the subgraph), then the plan runs and the operation is shaped.
	 * @param plan the operation with the fetches that follow the root fetch ({@code null}
	 * root when there are none)
	 * @param variables the client's variables as sent
	 * @param rootResponse the root fetch's GraphQL response ({@code data},
	 * {@code errors})
	 * @param subgraph the subgraph that produced it
	 * @return the GraphQL response
	 */
	public Mono<ObjectNode> executeAfterRoot(QueryPlan plan, ObjectNode variables, ObjectNode rootResponse,
			String subgraph) {
		ExecutionState state = new ExecutionState();
		if (rootResponse.get("data") instanceof ObjectNode data) {
			state.mergeRoot(data);
		}
		if (rootResponse.get("errors") instanceof ArrayNode errors) {
			errors.forEach((error) -> {
				if (error instanceof ObjectNode object) {
					state.addError(SubgraphErrors.downstream(object, subgraph, object.get("path")));
				}
			});
		}
		Mono<Void> run = (plan.root() != null) ? run(plan.root(), state, variables) : Mono.empty();
		return run.then(Mono.fromCallable(() -> respond(plan, state)));
	}

	private ObjectNode respond(QueryPlan plan, ExecutionState state) {
		synchronized (state) {
			List<ObjectNode> errors = state.errors();
			ObjectNode data = new ResponseShaper(this.supergraph.apiSchema(), errors, state.failedPaths())
				.shape(state.data(), plan.operation().rootType(), plan.operation().selectionSet());
			ObjectNode response = ExecutionState.NODES.objectNode();
			if (!errors.isEmpty()) {
				response.putArray("errors").addAll(errors);
			}
			response.set("data", (data != null) ? data : ExecutionState.NODES.nullNode());
			return response;
		}
	}

	private Mono<Void> run(PlanNode node, ExecutionState state, ObjectNode variables) {
		return switch (node) {
			case PlanNode.Sequence sequence ->
				Flux.fromIterable(sequence.nodes()).concatMap((n) -> run(n, state, variables)).then();
			case PlanNode.Parallel parallel ->
				Flux.fromIterable(parallel.nodes()).flatMap((n) -> run(n, state, variables)).then();
			case PlanNode.Fetch fetch -> rootFetch(fetch, state, variables);
			case PlanNode.Flatten flatten -> Mono.defer(() -> entityFetch(flatten, state, variables));
		};
	}

	private Mono<Void> rootFetch(PlanNode.Fetch fetch, ExecutionState state, ObjectNode variables) {
		ObjectNode body = request(fetch, variables);
		return send(fetch, body).doOnNext((response) -> {
			JsonNode data = response.get("data");
			JsonNode errors = response.get("errors");
			synchronized (state) {
				if (data != null) {
					renameBack(data, fetch);
					state.mergeRoot(data);
				}
				if (errors instanceof ArrayNode array) {
					array.forEach((error) -> {
						if (error instanceof ObjectNode object) {
							state.addError(SubgraphErrors.downstream(object, fetch.subgraph(), object.get("path")));
						}
					});
				}
			}
		}).onErrorResume(FetchFailure.class, (failure) -> {
			List<ObjectNode> errors;
			synchronized (state) {
				errors = SubgraphErrors.failedAt(fetch.subgraph(), failure.code, failure.getMessage(),
						this.owned.of(fetch.operation()), List.of(new EntityTargets.Target(state.data(), List.of())));
			}
			state.fetchFailed(errors, List.of(List.of()));
			return Mono.empty();
		}).then();
	}

	private Mono<Void> entityFetch(PlanNode.Flatten flatten, ExecutionState state, ObjectNode variables) {
		PlanNode.Fetch fetch = flatten.fetch();
		EntityTargets targets;
		synchronized (state) {
			targets = EntityTargets.collect(state.data(), flatten.path(), fetch.representation(), fetch.entityTypes());
		}
		if (targets.isEmpty()) {
			return Mono.empty();
		}
		ObjectNode body = request(fetch, variables);
		((ObjectNode) body.get("variables")).set("representations", targets.representations());
		return send(fetch, body).doOnNext((response) -> {
			JsonNode data = response.get("data");
			JsonNode entities = (data != null) ? data.get("_entities") : null;
			JsonNode errors = response.get("errors");
			synchronized (state) {
				if (entities instanceof ArrayNode array) {
					for (int i = 0; i < array.size(); i++) {
						if (array.get(i) instanceof ObjectNode entity) {
							renameBack(entity, fetch);
							for (EntityTargets.Target target : targets.targets(i)) {
								mergeEntity(target.object(), entity);
							}
						}
					}
				}
				if (errors instanceof ArrayNode array) {
					array.forEach((error) -> {
						if (error instanceof ObjectNode object) {
							SubgraphErrors.repath(object, fetch.subgraph(), targets).forEach(state::addError);
						}
					});
				}
			}
		}).onErrorResume(FetchFailure.class, (failure) -> {
			List<ObjectNode> errors;
			synchronized (state) {
				errors = SubgraphErrors.failedAt(fetch.subgraph(), failure.code, failure.getMessage(),
						this.owned.of(fetch.operation()), targets.all());
			}
			state.fetchFailed(errors, targets.allPaths());
			return Mono.empty();
		}).then();
	}

	/** Gives fields the subgraph answered under an alias their client key again. */
	private static void renameBack(JsonNode result, PlanNode.Fetch fetch) {
		for (KeyRename rename : fetch.renames()) {
			rename(result, rename, 0);
		}
	}

	private static void rename(JsonNode node, KeyRename rename, int depth) {
		if (node instanceof ArrayNode array) {
			array.forEach((item) -> rename(item, rename, depth));
		}
		else if (node instanceof ObjectNode object) {
			if (depth == rename.path().size()) {
				JsonNode value = object.remove(rename.alias());
				if (value != null) {
					object.set(rename.responseKey(), value);
				}
			}
			else {
				JsonNode child = object.get(rename.path().get(depth));
				if (child != null) {
					rename(child, rename, depth + 1);
				}
			}
		}
	}

	/**
	 * Merges an entity into its object. A subgraph resolving an interface object answers
	 * with the interface's name as {@code __typename}; only an answer of the subgraph
	 * that owns the interface may replace it with the concrete type, never the other way
	 * round.
	 */
	private void mergeEntity(ObjectNode target, ObjectNode entity) {
		JsonNode existing = target.get(Field.TYPENAME);
		JsonNode incoming = entity.get(Field.TYPENAME);
		if (existing != null && incoming != null && !existing.equals(incoming) && existing.isString()
				&& !(this.supergraph.schema().getType(existing.stringValue()) instanceof GraphQLInterfaceType)) {
			ObjectNode copy = entity.deepCopy();
			copy.remove(Field.TYPENAME);
			ExecutionState.merge(target, copy);
			return;
		}
		ExecutionState.merge(target, entity);
	}

	private ObjectNode request(PlanNode.Fetch fetch, ObjectNode variables) {
		ObjectNode body = ExecutionState.NODES.objectNode();
		body.put("query", fetch.operation());
		ObjectNode forwarded = body.putObject("variables");
		for (String name : fetch.variables()) {
			JsonNode value = variables.get(name);
			if (value != null) {
				forwarded.set(name, value);
			}
		}
		return body;
	}

	private Mono<ObjectNode> send(PlanNode.Fetch fetch, ObjectNode body) {
		byte[] bytes = this.mapper.writeValueAsBytes(body);
		Subgraph subgraph = this.supergraph.subgraph(fetch.subgraph());
		Mono<SubgraphResponse> call = (this.inflight != null && !fetch.operation().startsWith("mutation"))
				? this.inflight.share(subgraph.name(), bytes, () -> this.client.post(subgraph, bytes))
				: this.client.post(subgraph, bytes);
		return call
			.onErrorMap((ex) -> !(ex instanceof FetchFailure),
					(ex) -> (ex instanceof SubgraphFailure failure)
							? new FetchFailure(failure.code(), failure.getMessage()) : new FetchFailure(reason(ex)))
			.map((response) -> parse(response, fetch.subgraph()));
	}

	private ObjectNode parse(SubgraphResponse response, String subgraph) {
		JsonNode tree;
		try {
			tree = (response.body().length > 0) ? this.mapper.readTree(response.body()) : null;
		}
		catch (JacksonException ex) {
			tree = null;
		}
		if (tree instanceof ObjectNode object && (object.has("data") || object.has("errors"))) {
			return object;
		}
		throw new FetchFailure(
				"subgraph '" + subgraph + "' answered HTTP " + response.status() + " without a GraphQL response");
	}

	/**
	 * What a client may learn about a failed subgraph request: the network's own words
	 * (as Apollo Router reports them), nothing from any other exception, whose message
	 * may carry internals.
	 */
	private static String reason(Throwable ex) {
		if (ex instanceof TimeoutException || ex instanceof io.netty.handler.timeout.TimeoutException) {
			return "the request timed out";
		}
		if (ex instanceof IOException && ex.getMessage() != null) {
			return ex.getMessage();
		}
		logger.warn("Subgraph request failed", ex);
		return "the request failed";
	}

	/** A subgraph request that produced no GraphQL response at all. */
	static final class FetchFailure extends RuntimeException {

		final String code;

		FetchFailure(String message) {
			this(SubgraphErrors.HTTP_ERROR, message);
		}

		FetchFailure(String code, String message) {
			super(message);
			this.code = code;
		}

	}

}
