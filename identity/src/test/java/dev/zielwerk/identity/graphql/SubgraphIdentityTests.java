package dev.zielwerk.identity.graphql;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subgraph trusts only identities the gateway signed, and refuses partner callers every
 * field its schema does not open to partners.
 */
class SubgraphIdentityTests {

	private static final String SECRET = "identity-secret-for-tests-0123456789abcdef";

	private static final IdentityTokens TOKENS = new IdentityTokens(SECRET);

	private static final String SDL = """
			directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT
			type Query {
			  shared: Shared
			  audience: String @requiresScopes(scopes: [["partner"], ["profiles:read"]])
			  owner: String
			  listed: String
			  whoami: String
			}
			type Shared @requiresScopes(scopes: [["partner"]]) { name: String }
			""";

	private static WebGraphQlHandler handler(boolean required) {
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Query",
					(q) -> q.dataFetcher("shared", (env) -> Map.of("name", "vip"))
						.dataFetcher("audience", (env) -> "a")
						.dataFetcher("owner", (env) -> "secret")
						.dataFetcher("listed", (env) -> "l")
						.dataFetcher("whoami", (env) -> {
							CallerIdentity caller = SubgraphCallers.caller(env.getGraphQlContext());
							return (caller != null) ? caller.subject() : "nobody";
						}))
			.build();
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
		GraphQlSource source = GraphQlSource.builder(schema)
			.instrumentation(List.of(new PartnerFieldGuard(Set.of("Query.listed"))))
			.build();
		return WebGraphQlHandler.builder(new DefaultExecutionGraphQlService(source))
			.interceptor(new SubgraphIdentityInterceptor(TOKENS, required, Clock.systemUTC()))
			.build();
	}

	private static WebGraphQlResponse run(WebGraphQlHandler handler, String query, @Nullable String identity) {
		HttpHeaders headers = new HttpHeaders();
		if (identity != null) {
			headers.set(IdentityTokens.HEADER, identity);
		}
		WebGraphQlRequest request = new WebGraphQlRequest(URI.create("http://localhost/graphql"), headers,
				new LinkedMultiValueMap<>(), null, Map.of(), Map.of("query", query), "1", null);
		return handler.handleRequest(request).block();
	}

	private static String token(CallerIdentity caller) {
		return TOKENS.mint(caller);
	}

	@Test
	void aPartnerGetsOnlyWhatTheSchemaOpensToPartners() {
		CallerIdentity partner = new CallerIdentity("p", Set.of("partner"), Set.of("partner"), "acme",
				Instant.now().plusSeconds(60));
		WebGraphQlResponse response = run(handler(false), "{ shared { name } audience owner listed whoami }",
				token(partner));
		Map<String, Object> data = response.getData();
		assertThat(data).isNotNull();
		assertThat(data).containsEntry("shared", Map.of("name", "vip"))
			.containsEntry("audience", "a")
			.containsEntry("owner", null)
			.containsEntry("listed", "l")
			.containsEntry("whoami", null);
		assertThat(response.getErrors()).extracting((e) -> e.getExtensions().get("code") + " " + e.getParsedPath())
			.containsExactlyInAnyOrder("FORBIDDEN [owner]", "FORBIDDEN [whoami]");
	}

	@Test
	void anOwnerPassesAndTheCallerIsInTheContext() {
		CallerIdentity owner = new CallerIdentity("alice", Set.of(), Set.of(), null, Instant.now().plusSeconds(60));
		WebGraphQlResponse response = run(handler(true), "{ owner whoami }", token(owner));
		assertThat(response.getErrors()).isEmpty();
		assertThat(response.<Map<String, Object>>getData()).containsEntry("owner", "secret")
			.containsEntry("whoami", "alice");
	}

	@Test
	void aForgedOrExpiredHeaderIsRefusedEvenWhenTheHeaderIsOptional() {
		CallerIdentity owner = new CallerIdentity("alice", Set.of(), Set.of(), null, Instant.now().plusSeconds(60));
		String forged = new IdentityTokens("another-secret-that-is-long-enough-0123456789").mint(owner);
		String expired = token(owner.expiringAt(Instant.now().minusSeconds(300)));
		for (String header : List.of(forged, expired, "garbage")) {
			WebGraphQlResponse response = run(handler(false), "{ owner }", header);
			Object data = response.getData();
			assertThat(data).isNull();
			assertThat(response.getErrors()).extracting(ResponseError::getExtensions)
				.containsExactly(Map.of("code", "UNAUTHENTICATED"));
		}
	}

	@Test
	void aMissingHeaderIsRefusedOnlyWhenRequired() {
		assertThat(run(handler(false), "{ owner whoami }", null).<Map<String, Object>>getData())
			.containsEntry("owner", "secret")
			.containsEntry("whoami", "nobody");
		WebGraphQlResponse refused = run(handler(true), "{ owner }", null);
		assertThat(refused.getErrors()).singleElement()
			.satisfies((e) -> assertThat(e.getMessage()).contains("only requests through the gateway"));
	}

}
