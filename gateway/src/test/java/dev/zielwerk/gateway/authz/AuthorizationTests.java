package dev.zielwerk.gateway.authz;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.zielwerk.gateway.execute.HttpSubgraphClient;
import dev.zielwerk.gateway.execute.PlanExecutor;
import dev.zielwerk.gateway.limits.OperationGuard;
import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.router.GraphQlRequest;
import dev.zielwerk.gateway.security.CallerContext;
import dev.zielwerk.gateway.security.IdentityHeaders;
import dev.zielwerk.gateway.security.SecureSubgraphs;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization in the gateway pipeline, without Spring: decisions per kind of caller,
 * the reject mode, and operations with nothing left to fetch.
 */
class AuthorizationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final SecureSubgraphs SUBGRAPHS = new SecureSubgraphs();

	private static final Supergraph SUPERGRAPH = SupergraphLoader.parse(SUBGRAPHS.supergraph());

	private static final ConnectionProvider CONNECTIONS = ConnectionProvider.create("authz-tests", 8);

	@AfterAll
	static void stop() {
		SUBGRAPHS.close();
		CONNECTIONS.dispose();
	}

	@BeforeEach
	void clear() {
		SUBGRAPHS.clear();
	}

	private static GraphQlGateway gateway(boolean reject) {
		HttpSubgraphClient client = new HttpSubgraphClient(CONNECTIONS, Duration.ofSeconds(5),
				List.of(new IdentityHeaders(new IdentityTokens(SecureSubgraphs.IDENTITY_SECRET),
						IdentityTokens.DEFAULT_LIFETIME, Clock.systemUTC())));
		return new GraphQlGateway(SUPERGRAPH, new PlanExecutor(SUPERGRAPH, client, JSON), JSON, 100, true,
				OperationGuard.defaults(SUPERGRAPH),
				new Authorizer(SUPERGRAPH.accessRules(), SUPERGRAPH.schema(), reject));
	}

	private static ObjectNode run(GraphQlGateway gateway, String query, CallerIdentity caller) {
		return gateway.execute(new GraphQlRequest(query, null, JSON.createObjectNode(), false, true))
			.contextWrite(CallerContext.with(caller))
			.block();
	}

	private static CallerIdentity user(String subject, String... scopes) {
		return new CallerIdentity(subject, Set.of(scopes), Set.of(), null, Instant.now().plusSeconds(300));
	}

	@Test
	void decisionsAndPlansAreKeptApartPerKindOfCaller() {
		GraphQlGateway gateway = gateway(false);
		String query = "{ accounts { id email } }";
		CallerIdentity reader = user("reader", "accounts:read", "email:read");
		CallerIdentity limited = user("limited", "accounts:read");
		assertThat(run(gateway, query, reader).path("data").path("accounts").get(0).path("email").stringValue())
			.isEqualTo("ada@example.com");
		ObjectNode denied = run(gateway, query, limited);
		assertThat(denied.path("data").path("accounts").get(0).path("email").isNull()).isTrue();
		assertThat(denied.path("errors").get(0).path("message").stringValue())
			.isEqualTo("Not authorized to access Account.email.");
		assertThat(run(gateway, query, reader).has("errors")).isFalse();
		assertThat(SUBGRAPHS.seen()).extracting((s) -> s.caller().subject())
			.containsExactly("reader", "limited", "reader");
	}

	@Test
	void theRejectModeRefusesTheWholeOperationAndFetchesNothing() {
		ObjectNode response = run(gateway(true), "{ accounts { id email } publicInfo }", user("u", "accounts:read"));
		assertThat(response.has("data")).isFalse();
		assertThat(response.path("errors")).hasSize(1);
		assertThat(response.path("errors").get(0).path("path").toString()).isEqualTo("[\"accounts\",\"email\"]");
		assertThat(response.path("errors").get(0).path("extensions").path("code").stringValue())
			.isEqualTo(Authorization.CODE);
		assertThat(SUBGRAPHS.seen()).isEmpty();
	}

	@Test
	void anOperationWithEveryRootFieldDeniedIsAnsweredWithoutAnySubgraph() {
		ObjectNode response = run(gateway(false), "{ me { name } accounts { id } }",
				CallerIdentity.anonymous(Instant.now().plusSeconds(60)));
		assertThat(response.path("data").toString()).isEqualTo("{\"me\":null,\"accounts\":null}");
		assertThat(response.path("errors")).hasSize(2);
		assertThat(SUBGRAPHS.seen()).isEmpty();
	}

	@Test
	void aPartnerIsDeniedEveryFieldTheSchemaDoesNotOpenToPartners() {
		CallerIdentity partner = new CallerIdentity("p", Set.of("partner"), Set.of("partner"), "acme",
				Instant.now().plusSeconds(60));
		ObjectNode response = run(gateway(false), "{ sharedAudience { name } accounts { id orders { id } } }", partner);
		assertThat(response.path("data").toString()).isEqualTo(
				"{\"sharedAudience\":{\"name\":\"vip\"},\"accounts\":[{\"id\":\"1\",\"orders\":null},{\"id\":\"2\",\"orders\":null}]}");
		assertThat(response.path("errors").get(0).path("message").stringValue())
			.isEqualTo("Partner callers may not access Account.orders: it is not shared with partners.");
		assertThat(SUBGRAPHS.seen()).extracting(SecureSubgraphs.Seen::subgraph).containsOnly("accounts");
	}

	@Test
	void aSupergraphWithoutRulesChangesNothingForOwners() {
		Authorizer authorizer = new Authorizer(dev.zielwerk.gateway.fixture.KitSupergraphs.REVIEWS.accessRules(),
				dev.zielwerk.gateway.fixture.KitSupergraphs.REVIEWS.schema(), false);
		assertThat(authorizer.applies(user("u"))).isFalse();
		assertThat(authorizer.applies(CallerIdentity.anonymous(Instant.now()))).isFalse();
		assertThat(authorizer.applies(new CallerIdentity("p", Set.of("partner"), Set.of(), "acme", Instant.now())))
			.isTrue();
	}

}
