package dev.zielwerk.gateway.authz;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.zielwerk.gateway.fixture.KitSupergraphs;
import dev.zielwerk.gateway.operation.OperationNormalizer;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import dev.zielwerk.identity.CallerIdentity;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema layer of partner sharing on the committed supergraph: profile-service's
 * {@code @requiresScopes} let a partner token reach the partner fields, every type under
 * them included, and nothing else; the owner's partner administration needs
 * {@code partners:manage}. The subgraph checks the same again (PartnerSharingIT).
 */
class PartnerSchemaAuthorizationTests {

	private static final Supergraph SUPERGRAPH = SupergraphLoader
		.parse(KitSupergraphs.resource("/graphql/supergraph.graphql"));

	private static final Authorizer AUTHORIZER = new Authorizer(SUPERGRAPH.accessRules(), SUPERGRAPH.schema(), false);

	private static final CallerIdentity PARTNER = new CallerIdentity("acme-bot", Set.of("partner"), Set.of("partner"),
			"acme", Instant.now().plusSeconds(300));

	private static final CallerIdentity OWNER = new CallerIdentity("owner", Set.of("partners:manage"), Set.of("owner"),
			null, Instant.now().plusSeconds(300));

	private static final CallerIdentity USER = new CallerIdentity("user", Set.of("profiles:read"), Set.of(), null,
			Instant.now().plusSeconds(300));

	@Test
	void aPartnerReachesEveryPartOfItsSharedAudiences() {
		assertThat(denies("""
				{ sharedAudiences { __typename id identifierTypes overlapOnly expiresAt
				    members(first: 10, after: "x") { edges { cursor node { identifiers { type sha256 } } }
				      pageInfo { hasNextPage endCursor } } } }""", PARTNER)).isFalse();
		assertThat(denies("""
				{ audienceOverlap(shareId: "s", hashedIdentifiers: ["h"]) { shareId status count threshold } }""",
				PARTNER))
			.isFalse();
		assertThat(denies("""
				mutation { importPartnerTraits(shareId: "s", rows: [{sha256: "h", traits: {a: 1}}]) {
				  shareId received } }""", PARTNER)).isFalse();
	}

	@Test
	void aPartnerReachesNothingElse() {
		assertThat(denies("{ profile(id: \"p\") { id } }", PARTNER)).isTrue();
		assertThat(denies("{ profiles { edges { node { id } } } }", PARTNER)).isTrue();
		assertThat(denies("{ segments { edges { node { id } } } }", PARTNER)).isTrue();
		assertThat(denies("{ partnerShares { id } }", PARTNER)).isTrue();
		assertThat(denies("{ partnerAuditLog { edges { node { action } } } }", PARTNER)).isTrue();
		assertThat(denies("mutation { revokeShare(id: \"s\") { id } }", PARTNER)).isTrue();
		assertThat(denies("mutation { eraseProfile(input: {profileId: \"p\", requestedBy: \"x\"}) { profileId } }",
				PARTNER))
			.isTrue();
	}

	@Test
	void partnerAdministrationNeedsTheOwnerScope() {
		String admin = """
				{ partners { id name } partnerShares { id status overlapOnly partner { id } }
				  partnerAuditLog { edges { node { action rowCount matchedCount } } pageInfo { hasNextPage } } }""";
		assertThat(denies(admin, OWNER)).isFalse();
		assertThat(denies(admin, USER)).isTrue();
		assertThat(denies("mutation { createPartner(id: \"acme\", name: \"Acme\") { id } }", USER)).isTrue();
		assertThat(denies("{ sharedAudiences { id } }", OWNER)).isTrue();
	}

	private static boolean denies(String query, CallerIdentity caller) {
		Document document = Parser.parse(query);
		OperationDefinition operation = document.getFirstDefinitionOfType(OperationDefinition.class).orElseThrow();
		return AUTHORIZER
			.authorize(OperationNormalizer.normalize(SUPERGRAPH.schema(), document, operation, Map.of()), caller)
			.deniedAnything();
	}

}
