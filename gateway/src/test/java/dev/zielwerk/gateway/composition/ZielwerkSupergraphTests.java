package dev.zielwerk.gateway.composition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.zielwerk.gateway.fixture.KitSupergraphs;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zielwerk's own subgraphs (the SDLs in the schema module) compose, and give exactly the
 * supergraph committed beside them ({@code graphql/supergraph.graphql}): a contract
 * change that breaks composition, or that forgets to regenerate the file, fails the
 * build. Run with {@code -Dzielwerk.supergraph.write=true} to regenerate the file (see
 * the schema module's README).
 */
class ZielwerkSupergraphTests {

	/** The subgraphs with the URLs they answer on by default (DESIGN.md, ports). */
	static final List<SubgraphSource> SUBGRAPHS = List.of(source("profile", 4001), source("segment", 4002),
			source("connectors", 4003));

	private static final Path COMMITTED = Path.of("..", "schema", "src", "main", "resources", "graphql",
			"supergraph.graphql");

	@Test
	void composesWithoutErrorsToTheCommittedSupergraph() throws IOException {
		CompositionResult result = SupergraphComposer.compose(SUBGRAPHS);
		assertThat(result.errors()).isEmpty();
		String composed = result.supergraphSdlOrThrow();
		if (Boolean.getBoolean("zielwerk.supergraph.write")) {
			Files.writeString(COMMITTED, composed, StandardCharsets.UTF_8);
		}
		String committed = Boolean.getBoolean("zielwerk.supergraph.write")
				? Files.readString(COMMITTED, StandardCharsets.UTF_8)
				: KitSupergraphs.resource("/graphql/supergraph.graphql");
		assertThat(composed).as("schema/src/main/resources/graphql/supergraph.graphql is up to date")
			.isEqualTo(committed);
	}

	@Test
	void exposesTheFederatedPathsInTheApiSchema() {
		GraphQLSchema api = supergraph().apiSchema();
		assertThat(typeOf(api, "Query", "profile")).isEqualTo("Profile");
		assertThat(typeOf(api, "Query", "segment")).isEqualTo("Segment");
		assertThat(typeOf(api, "Query", "audienceSync")).isEqualTo("AudienceSync");
		assertThat(typeOf(api, "Profile", "identities")).isEqualTo("[Identity!]!");
		assertThat(typeOf(api, "Profile", "segments")).isEqualTo("[Segment!]!");
		assertThat(typeOf(api, "Profile", "inSegment")).isEqualTo("Boolean!");
		assertThat(typeOf(api, "Segment", "syncs")).isEqualTo("[AudienceSync!]!");
		assertThat(typeOf(api, "SegmentMemberEdge", "node")).isEqualTo("Profile!");
		assertThat(typeOf(api, "Mutation", "identify")).isEqualTo("Profile!");
		assertThat(typeOf(api, "Mutation", "createSegment")).isEqualTo("Segment!");
		assertThat(typeOf(api, "Mutation", "createAudienceSync")).isEqualTo("AudienceSync!");
		assertThat(api.getSubscriptionType()).isNotNull();
		assertThat(api.getSubscriptionType().getFieldDefinitions()).extracting(GraphQLFieldDefinition::getName)
			.contains("segmentMembershipChanged", "segmentSizeChanged", "syncRunProgress");
	}

	@Test
	void routesEachFederatedFieldToTheSubgraphThatOwnsIt() {
		Supergraph supergraph = supergraph();
		assertThat(supergraph.subgraphs()).hasSize(3);
		assertThat(supergraph.subgraph("profile").url()).isEqualTo("http://localhost:4001/graphql");
		assertThat(supergraph.resolvingSubgraphs("Query", "profile")).containsExactly("profile");
		assertThat(supergraph.resolvingSubgraphs("Profile", "identities")).containsExactly("profile");
		assertThat(supergraph.resolvingSubgraphs("Profile", "segments")).containsExactly("segment");
		assertThat(supergraph.resolvingSubgraphs("Segment", "key")).containsExactly("segment");
		assertThat(supergraph.resolvingSubgraphs("Segment", "syncs")).containsExactly("connectors");
		assertThat(supergraph.keys("Profile", "segment")).containsExactly("id");
		assertThat(supergraph.keys("Segment", "connectors")).containsExactly("id");
	}

	private static Supergraph supergraph() {
		return SupergraphLoader.parse(SupergraphComposer.compose(SUBGRAPHS).supergraphSdlOrThrow());
	}

	private static String typeOf(GraphQLSchema schema, String typeName, String fieldName) {
		GraphQLObjectType type = schema.getObjectType(typeName);
		assertThat(type).as(typeName).isNotNull();
		GraphQLFieldDefinition field = type.getFieldDefinition(fieldName);
		assertThat(field).as(typeName + "." + fieldName).isNotNull();
		return GraphQLTypeUtil.simplePrint(field.getType());
	}

	private static SubgraphSource source(String name, int port) {
		return new SubgraphSource(name, "http://localhost:" + port + "/graphql",
				KitSupergraphs.resource("/graphql/" + name + "/" + name + ".graphqls"));
	}

}
