package dev.zielwerk.gateway.supergraph;

import java.util.List;

import dev.zielwerk.gateway.fixture.KitSupergraphs;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupergraphLoaderTests {

	private final Supergraph reviews = KitSupergraphs.REVIEWS;

	private final Supergraph shop = KitSupergraphs.SHOP;

	@Test
	void readsSubgraphsWithTheirUrls() {
		assertThat(this.reviews.subgraphs()).extracting(Subgraph::name)
			.containsExactlyInAnyOrder("accounts", "inventory", "products", "reviews");
		assertThat(this.reviews.subgraph("inventory").url()).isEqualTo("http://127.0.0.1:4300/inventory");
	}

	@Test
	void readsKeysPerSubgraph() {
		assertThat(this.reviews.keys("Product", "inventory")).containsExactly("upc");
		assertThat(this.reviews.keys("User", "reviews")).containsExactly("id");
		assertThat(this.shop.keys("Book", "catalog")).containsExactly("id", "isbn");
		assertThat(this.shop.keys("Store", "pricing")).containsExactly("country code");
		assertThat(this.reviews.keys("Review", "accounts")).isEmpty();
	}

	@Test
	void fieldsWithoutJoinFieldAreResolvedByEverySubgraphDefiningTheType() {
		assertThat(this.reviews.resolvingSubgraphs("Product", "upc")).containsExactly("inventory", "products",
				"reviews");
	}

	@Test
	void externalFieldsAreNotResolvedByTheSubgraphThatOnlyReferencesThem() {
		assertThat(this.reviews.resolvingSubgraphs("Product", "price")).containsExactly("products");
		assertThat(this.reviews.resolvingSubgraphs("User", "username")).containsExactly("accounts");
	}

	@Test
	void readsRequiresAndProvides() {
		assertThat(this.reviews.requires("Product", "shippingEstimate", "inventory")).isEqualTo("price weight");
		assertThat(this.reviews.provides("Review", "author", "reviews")).isEqualTo("username");
		assertThat(this.shop.requires("Book", "shippingCost", "logistics")).isEqualTo("weight { grams }");
		assertThat(this.reviews.requires("Product", "inStock", "inventory")).isEmpty();
	}

	@Test
	void overriddenFieldsAreResolvedOnlyByTheOverridingSubgraph() {
		assertThat(this.shop.resolvingSubgraphs("Book", "pages")).containsExactly("pricing");
	}

	@Test
	void apiSchemasHaveNoJoinOrLinkMachinery() {
		for (Supergraph supergraph : List.of(this.reviews, this.shop)) {
			GraphQLSchema api = supergraph.apiSchema();
			assertThat(api.getAllTypesAsList()).extracting(GraphQLNamedType::getName)
				.noneMatch((name) -> name.startsWith("join__") || name.startsWith("link__"));
			assertThat(api.getDirectives()).extracting(GraphQLDirective::getName)
				.noneMatch((name) -> name.startsWith("join__") || name.equals("link") || name.equals("inaccessible"));
		}
	}

	@Test
	void apiSchemaHidesInaccessibleFieldsThatThePlanningSchemaKeeps() {
		GraphQLObjectType apiQuery = this.shop.apiSchema().getQueryType();
		assertThat(apiQuery.getFieldDefinition("internalAudit")).isNull();
		assertThat(apiQuery.getFieldDefinition("items")).isNotNull();
		assertThat(this.shop.schema().getQueryType().getFieldDefinition("internalAudit")).isNotNull();
	}

	@Test
	void readsWhichSubgraphReturnsWhichImplementationOrMember() {
		assertThat(this.shop.returns("catalog", "Item", "Book")).isTrue();
		assertThat(this.shop.returns("pricing", "Item", "Book")).isFalse();
		assertThat(this.shop.returns("catalog", "SearchResult", "Store")).isTrue();
		assertThat(this.shop.returns("pricing", "SearchResult", "Store")).isFalse();
	}

	@Test
	void parsedFieldSetsAreCached() {
		assertThat(this.shop.fieldSet("weight { grams }")).isSameAs(this.shop.fieldSet("weight { grams }"));
		assertThat(this.shop.fieldSet("country code").getSelections()).hasSize(2);
	}

	@Test
	void rejectsADocumentWithoutSubgraphs() {
		assertThatThrownBy(() -> SupergraphLoader.parse("type Query { a: Int }"))
			.isInstanceOf(SupergraphException.class)
			.hasMessageContaining("no subgraphs");
	}

	@Test
	void rejectsAJoinTypeNamingAnUnknownGraph() {
		String sdl = KitSupergraphs.sdl("reviews")
			.replace("@join__type(graph: INVENTORY, key: \"upc\")", "@join__type(graph: WAREHOUSE, key: \"upc\")");
		assertThatThrownBy(() -> SupergraphLoader.parse(sdl)).isInstanceOf(SupergraphException.class)
			.hasMessageContaining("Product")
			.hasMessageContaining("WAREHOUSE");
	}

	@Test
	void rejectsInvalidSdl() {
		assertThatThrownBy(() -> SupergraphLoader.parse("type Query {")).isInstanceOf(SupergraphException.class)
			.hasMessageContaining("not valid SDL");
	}

}
