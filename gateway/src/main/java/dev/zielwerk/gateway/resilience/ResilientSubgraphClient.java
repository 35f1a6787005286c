package dev.zielwerk.gateway.resilience;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;

import dev.zielwerk.gateway.execute.SubgraphClient;
import dev.zielwerk.gateway.execute.SubgraphFailure;
import dev.zielwerk.gateway.execute.SubgraphResponse;
import dev.zielwerk.gateway.supergraph.Subgraph;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;

/**
 * Guards every subgraph request: Retry(CircuitBreaker(Bulkhead(Timeout(request)))), the
 * order Resilience4j's annotations use. Retries only for queries: a mutation is sent at
 * most once. A 5xx or 429 answer is a failure. Failures leave as {@link SubgraphFailure}
 * with the code the client sees: {@code SUBREQUEST_TIMEOUT},
 * {@code SUBREQUEST_CIRCUIT_OPEN}, {@code SUBREQUEST_BULKHEAD_FULL},
 * {@code SUBREQUEST_HTTP_ERROR}; transport errors pass on unchanged (the executor reports
 * them as {@code SUBREQUEST_HTTP_ERROR}).
 */
public final class ResilientSubgraphClient implements SubgraphClient {

	public static final String TIMEOUT = "SUBREQUEST_TIMEOUT";

	public static final String CIRCUIT_OPEN = "SUBREQUEST_CIRCUIT_OPEN";

	public static final String BULKHEAD_FULL = "SUBREQUEST_BULKHEAD_FULL";

	public static final String HTTP_ERROR = "SUBREQUEST_HTTP_ERROR";

	/**
	 * How the executor's request bodies of queries begin (it writes {@code query} first).
	 */
	private static final byte[] QUERY_PREFIX = "{\"query\":\"query".getBytes(StandardCharsets.UTF_8);

	private final SubgraphClient delegate;

	private final SubgraphGuards guards;

	public ResilientSubgraphClient(SubgraphClient delegate, SubgraphGuards guards) {
		this.delegate = delegate;
		this.guards = guards;
	}

	@Override
	public Mono<SubgraphResponse> post(Subgraph subgraph, byte[] body) {
		SubgraphGuards.Guard guard = this.guards.of(subgraph.name());
		Mono<SubgraphResponse> call = Mono.defer(() -> this.delegate.post(subgraph, body))
			.timeout(guard.policy().timeout())
			.flatMap((response) -> (response.status() >= 500 || response.status() == 429)
					? Mono.error(new HttpStatusFailure(response.status())) : Mono.just(response))
			.transformDeferred(BulkheadOperator.of(guard.bulkhead()))
			.transformDeferred(CircuitBreakerOperator.of(guard.circuitBreaker()));
		if (isQuery(body)) {
			call = call.transformDeferred(RetryOperator.of(guard.retry()));
		}
		return call.onErrorMap((ex) -> classify(ex, subgraph, guard.policy()));
	}

	/**
	 * Whether a request body is a query, so safe to send again. Anything not recognised
	 * as a query counts as a mutation.
	 */
	static boolean isQuery(byte[] body) {
		return body.length >= QUERY_PREFIX.length
				&& Arrays.equals(body, 0, QUERY_PREFIX.length, QUERY_PREFIX, 0, QUERY_PREFIX.length);
	}

	private static Throwable classify(Throwable ex, Subgraph subgraph, Policy policy) {
		if (ex instanceof TimeoutException || ex instanceof io.netty.handler.timeout.TimeoutException) {
			return new SubgraphFailure(TIMEOUT, "the request timed out after " + policy.timeout().toMillis() + " ms");
		}
		if (ex instanceof CallNotPermittedException) {
			return new SubgraphFailure(CIRCUIT_OPEN,
					"the circuit breaker is open: the subgraph failed recently, so it is not asked for now");
		}
		if (ex instanceof BulkheadFullException) {
			return new SubgraphFailure(BULKHEAD_FULL,
					"too many requests to this subgraph are in flight (" + policy.maxConcurrentRequests() + ")");
		}
		if (ex instanceof HttpStatusFailure failure) {
			HttpResponseStatus status = HttpResponseStatus.valueOf(failure.status());
			return new SubgraphFailure(HTTP_ERROR, status.code() + ": " + status.reasonPhrase());
		}
		return ex;
	}

}
