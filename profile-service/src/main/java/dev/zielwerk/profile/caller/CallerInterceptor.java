package dev.zielwerk.profile.caller;

import java.time.Clock;
import java.util.Map;

import dev.zielwerk.identity.IdentityTokens;
import dev.zielwerk.identity.InvalidIdentityException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Verifies the {@value IdentityTokens#HEADER} header with the secret shared with the
 * gateway ({@code zielwerk.identity.secret}) and puts the {@link Caller} into the GraphQL
 * context. A missing or bad header does not fail the request here: fields that need a
 * caller refuse it themselves, naming the problem.
 */
@Component
final class CallerInterceptor implements WebGraphQlInterceptor {

	private final @Nullable IdentityTokens tokens;

	private final Clock clock = Clock.systemUTC();

	CallerInterceptor(@Value("${zielwerk.identity.secret:}") String secret) {
		this.tokens = secret.isBlank() ? null : new IdentityTokens(secret);
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Caller caller = caller(request.getHeaders().getFirst(IdentityTokens.HEADER));
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext(Map.of(Caller.CONTEXT_KEY, caller)).build());
		return chain.next(request);
	}

	private Caller caller(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return Caller.ANONYMOUS;
		}
		if (this.tokens == null) {
			return new Caller(null,
					"this service has no zielwerk.identity.secret to verify " + IdentityTokens.HEADER + " with");
		}
		try {
			return new Caller(this.tokens.verify(header.strip(), this.clock.instant()), null);
		}
		catch (InvalidIdentityException ex) {
			return new Caller(null, ex.getMessage());
		}
	}

}
