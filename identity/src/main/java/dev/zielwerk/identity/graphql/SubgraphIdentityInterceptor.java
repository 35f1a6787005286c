package dev.zielwerk.identity.graphql;

import java.time.Clock;
import java.util.Map;

import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import dev.zielwerk.identity.InvalidIdentityException;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

/**
 * Verifies the {@value IdentityTokens#HEADER} header of every GraphQL request and puts
 * the caller into the GraphQL context ({@link SubgraphCallers}). A header that does not
 * verify is refused with UNAUTHENTICATED; a missing header is refused only when the
 * header is required, else the request runs without a caller (as before the gateway sent
 * identities).
 */
public final class SubgraphIdentityInterceptor implements WebGraphQlInterceptor {

	private final @Nullable IdentityTokens tokens;

	private final boolean required;

	private final Clock clock;

	/**
	 * @param tokens verifies the header, or null when no secret is configured (then the
	 * header cannot be checked and is ignored)
	 * @param required whether requests without a valid header are refused
	 * @param clock the clock
	 */
	public SubgraphIdentityInterceptor(@Nullable IdentityTokens tokens, boolean required, Clock clock) {
		if (required && tokens == null) {
			throw new IllegalArgumentException(
					"zielwerk.identity.required=true needs zielwerk.identity.secret to verify the header");
		}
		this.tokens = tokens;
		this.required = required;
		this.clock = clock;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String header = request.getHeaders().getFirst(IdentityTokens.HEADER);
		IdentityTokens verifier = this.tokens;
		if (verifier == null || (header == null && !this.required)) {
			return chain.next(request);
		}
		if (header == null) {
			return refuse(request, "This service answers only requests through the gateway (no " + IdentityTokens.HEADER
					+ " header).");
		}
		CallerIdentity caller;
		try {
			caller = verifier.verify(header, this.clock.instant());
		}
		catch (InvalidIdentityException ex) {
			return refuse(request, "The " + IdentityTokens.HEADER + " header is not valid: " + ex.getMessage());
		}
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext(Map.of(SubgraphCallers.CONTEXT_KEY, caller)).build());
		return chain.next(request);
	}

	private static Mono<WebGraphQlResponse> refuse(WebGraphQlRequest request, String message) {
		ExecutionResult result = ExecutionResult.newExecutionResult()
			.addError(GraphqlErrorBuilder.newError()
				.message(message)
				.extensions(Map.of("code", "UNAUTHENTICATED"))
				.build())
			.build();
		return Mono
			.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
	}

}
