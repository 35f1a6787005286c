package dev.zielwerk.gateway.limits;

import java.util.Map;

import dev.zielwerk.gateway.fixture.KitSupergraphs;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cost estimates as the IBM cost spec and Apollo's static demand control define them.
 */
class CostMeterTests {

	private static final String SDL = """
			schema @link(url: "https://specs.apollo.dev/cost/v0.1", import: [{name: "@cost", as: "@weight"}, "@listSize"]) {
			  query: Query
			  mutation: Mutation
			}
			directive @link(url: String, as: String, import: [Import]) repeatable on SCHEMA
			scalar Import
			directive @weight(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
			directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
			type Query {
			  profile(id: ID!): Profile
			  profiles(first: Int = 20): [Profile!]! @listSize(slicingArguments: ["first"])
			  segments: [Segment!]! @listSize(assumedSize: 3)
			  tags: [String!]!
			  search(first: Int!): ProfileConnection @listSize(slicingArguments: ["first"], sizedFields: ["edges"])
			  expensive: Int @weight(weight: 25)
			  filtered(where: String @weight(weight: 4)): Int
			}
			type Profile { id: ID! traits: Traits segments: [Segment!]! }
			type Traits @weight(weight: 5) { email: String }
			type Segment { id: ID! }
			type ProfileConnection { edges: [Edge!]! }
			type Edge { node: Profile }
			type Mutation { erase(id: ID!): Boolean }
			""";

	// users 10 × (1 + reviews 10 × (1 + product (1 + reviews 10 × (1 + author (1 +
	// reviews 10 × (1 + product 1))))))
	// + topProducts 10 × (1 + reviews 10 × (1 + author (1 + reviews 10 × (1 + product
	// 1))))
	private static final long BENCH_COST = 10 * (1 + 10 * (2 + 10 * (2 + 10 * 2))) + 10 * (1 + 10 * (2 + 10 * 2));

	private static final GraphQLSchema SCHEMA = UnExecutableSchemaGenerator
		.makeUnExecutableSchema(new SchemaParser().parse(SDL));

	private final CostMeter meter = new CostMeter(SCHEMA, CostModel.of(Parser.parse(SDL)), 10);

	@Test
	void objectsCostOneAndScalarsNothing() {
		assertThat(cost("{ profile(id: 1) { id } }")).isEqualTo(1);
		assertThat(cost("{ tags }")).isZero();
		assertThat(cost("{ __typename profile(id: 1) { __typename } }")).isEqualTo(1);
	}

	@Test
	void listsAreMultipliedByTheirSlicingArgumentItsDefaultOrTheDefaultListSize() {
		assertThat(cost("{ profiles { id } }")).isEqualTo(20);
		assertThat(cost("{ profiles(first: 3) { segments { id } } }")).isEqualTo(3 * (1 + 10));
		assertThat(cost("query($n: Int) { profiles(first: $n) { id } }", Map.of("n", 50))).isEqualTo(50);
	}

	@Test
	void assumedSizeAppliesWithoutSlicingArguments() {
		assertThat(cost("{ segments { id } }")).isEqualTo(3);
	}

	@Test
	void costDirectivesOnTypesFieldsAndArgumentsAreReadUnderTheirImportedName() {
		assertThat(cost("{ profile(id: 1) { traits { email } } }")).isEqualTo(1 + 5);
		assertThat(cost("{ expensive }")).isEqualTo(25);
		assertThat(cost("{ filtered(where: \"x\") }")).isEqualTo(4);
		assertThat(cost("{ filtered }")).isZero();
	}

	@Test
	void sizedFieldsTakeTheSizeOfTheirConnection() {
		assertThat(cost("{ search(first: 7) { edges { node { id } } } }")).isEqualTo(1 + 7 * (1 + 1));
		assertThat(cost("{ search(first: 7) { ...E } } fragment E on ProfileConnection { edges { node { id } } }"))
			.isEqualTo(1 + 7 * (1 + 1));
	}

	@Test
	void mutationRootFieldsCostTen() {
		assertThat(cost("mutation { erase(id: 1) }")).isEqualTo(10);
	}

	@Test
	void fragmentsAreCountedWhereTheyAreSpread() {
		assertThat(cost(
				"{ ...Q } fragment Q on Query { profiles(first: 2) { ...P } } fragment P on Profile { segments { id } }"))
			.isEqualTo(2 * (1 + 10));
	}

	@Test
	void introspectionIsNotCounted() {
		assertThat(cost("{ __schema { types { fields { type { fields { name } } } } } }")).isZero();
	}

	@Test
	void theKitsBenchOperationIsWithinTheDefaultMaximum() {
		Document document = Parser.parse(KitSupergraphs.resource("/kit/reviews/operations/bench.graphql"));
		long cost = new CostMeter(KitSupergraphs.REVIEWS.apiSchema(), CostModel.of(KitSupergraphs.REVIEWS.sdl()), 10)
			.estimate(document, document.getDefinitionsOfType(OperationDefinition.class).get(0), Map.of());
		assertThat(cost).isEqualTo(BENCH_COST).isLessThanOrEqualTo(LimitsProperties.defaults().maxCost());
	}

	private long cost(String query) {
		return cost(query, Map.of());
	}

	private long cost(String query, Map<String, Object> variables) {
		Document document = Parser.parse(query);
		return this.meter.estimate(document, document.getDefinitionsOfType(OperationDefinition.class).get(0),
				variables);
	}

}
