package dev.zielwerk.gateway.composition;

import java.util.List;
import java.util.Set;

import dev.zielwerk.gateway.supergraph.AccessRule;
import dev.zielwerk.gateway.supergraph.AccessRules;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import graphql.schema.idl.SchemaPrinter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Federation 2.5 authorization directives go from the subgraphs into the supergraph
 * as Apollo writes them ({@code authenticated/v0.1} and {@code requiresScopes/v0.1}
 * links), scope requirements of several subgraphs combined so that all of them hold; the
 * supergraph reader keeps them as metadata and the API schema does not show them.
 */
class AuthorizationCompositionTests {

	private static final String A = """
			extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",
			  import: ["@key", "@shareable", "@authenticated", "@requiresScopes"])
			type Query {
			  me: User @authenticated
			  products: [Product]
			}
			type User @key(fields: "id") {
			  id: ID!
			  email: String @requiresScopes(scopes: [["read:email"], ["admin"]])
			}
			type Product @key(fields: "upc") @shareable {
			  upc: String!
			  price: Int @requiresScopes(scopes: [["read:price"]])
			  name: String
			}
			enum Tier @authenticated { GOLD SILVER }
			""";

	private static final String B = """
			extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",
			  import: ["@key", "@shareable", "@authenticated", {name: "@requiresScopes", as: "@scopes"}])
			type User @key(fields: "id") @authenticated {
			  id: ID!
			  orders: [String] @scopes(scopes: [["read:orders"]])
			  tier: Tier
			}
			type Product @key(fields: "upc") @shareable {
			  upc: String!
			  price: Int @scopes(scopes: [["read:price", "billing"], ["admin"]])
			}
			enum Tier { GOLD SILVER }
			""";

	private static String compose(String a, String b) {
		CompositionResult result = SupergraphComposer
			.compose(List.of(new SubgraphSource("a", "http://127.0.0.1:4300/a", a),
					new SubgraphSource("b", "http://127.0.0.1:4300/b", b)));
		assertThat(result.errors()).isEmpty();
		return result.supergraphSdlOrThrow();
	}

	@Test
	void linksBothSpecsAndDeclaresTheirDirectivesAsApolloDoes() {
		String sdl = compose(A, B);
		assertThat(sdl).contains("@link(url: \"https://specs.apollo.dev/authenticated/v0.1\", for: SECURITY)")
			.contains("@link(url: \"https://specs.apollo.dev/requiresScopes/v0.1\", for: SECURITY)")
			.contains("directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM")
			.contains("directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on FIELD_DEFINITION"
					+ " | OBJECT | INTERFACE | SCALAR | ENUM")
			.contains("scalar requiresScopes__Scope");
		assertThat(sdl).contains("  me: User @join__field(graph: A) @authenticated\n")
			.contains("  email: String @join__field(graph: A) @requiresScopes(scopes: [[\"admin\"], [\"read:email\"]])")
			.contains("  @authenticated\n{\n  id: ID!");
	}

	@Test
	void combinesScopeRequirementsOfSeveralSubgraphsSoThatAllHold() {
		String sdl = compose(A, B);
		// [[read:price]] AND ([[billing, read:price]] OR [[admin]])
		assertThat(sdl).contains("  price: Int @requiresScopes(scopes: [[\"admin\", \"read:price\"], "
				+ "[\"billing\", \"read:price\"]])");
		AccessRule price = SupergraphLoader.parse(sdl).accessRules().field("Product", "price");
		assertThat(price.scopesSatisfiedBy(Set.of("read:price"))).isFalse();
		assertThat(price.scopesSatisfiedBy(Set.of("admin"))).isFalse();
		assertThat(price.scopesSatisfiedBy(Set.of("admin", "read:price"))).isTrue();
		assertThat(price.scopesSatisfiedBy(Set.of("billing", "read:price"))).isTrue();
	}

	@Test
	void conjunctionDropsAlternativesThatContainAnother() {
		assertThat(AuthorizationDirectives.conjunction(List.of(List.of("a"), List.of("b")), List.of(List.of("a"))))
			.containsExactly(List.of("a"));
		assertThat(AuthorizationDirectives.conjunction(List.of(List.of("b", "a")), null))
			.containsExactly(List.of("a", "b"));
		assertThat(AuthorizationDirectives.conjunction(List.of(), List.of(List.of("x")))).containsExactly(List.of("x"));
	}

	@Test
	void theSupergraphReaderKeepsTheRulesOnTypesAndFields() {
		Supergraph supergraph = SupergraphLoader.parse(compose(A, B));
		AccessRules rules = supergraph.accessRules();
		assertThat(rules.any()).isTrue();
		assertThat(rules.field("Query", "me")).isEqualTo(new AccessRule(true, List.of()));
		assertThat(rules.field("Query", "products").restricts()).isFalse();
		assertThat(rules.type("User")).isEqualTo(new AccessRule(true, List.of()));
		assertThat(rules.type("Tier").authenticated()).isTrue();
		assertThat(rules.field("User", "email").scopes()).containsExactly(Set.of("admin"), Set.of("read:email"));
		assertThat(rules.field("User", "orders").scopes()).containsExactly(Set.of("read:orders"));
		assertThat(rules.field("Product", "name").restricts()).isFalse();
	}

	@Test
	void theApiSchemaHidesTheDirectivesAndTheirScalar() {
		Supergraph supergraph = SupergraphLoader.parse(compose(A, B));
		String api = new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(true))
			.print(supergraph.apiSchema());
		assertThat(api).doesNotContain("authenticated").doesNotContain("requiresScopes").doesNotContain("Scope");
		assertThat(supergraph.apiSchema().getDirective("authenticated")).isNull();
		assertThat(supergraph.apiSchema().getDirective("requiresScopes")).isNull();
		assertThat(supergraph.schema().getType("requiresScopes__Scope")).isNull();
		assertThat(api).contains("price: Int").contains("me: User");
	}

	@Test
	void aSupergraphWithoutTheDirectivesHasNoRulesAndNoLinks() {
		String sdl = compose("""
				extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
				type Query { a: Int }
				""", """
				extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
				type Query { b: Int }
				""");
		assertThat(sdl).doesNotContain("authenticated").doesNotContain("requiresScopes");
		assertThat(SupergraphLoader.parse(sdl).accessRules().any()).isFalse();
	}

	@Test
	void readsRulesUnderARenamedSpecInASupergraphFromElsewhere() {
		String sdl = compose(A, B)
			.replace("authenticated/v0.1\", for: SECURITY)", "authenticated/v0.1\", as: \"auth\", for: SECURITY)")
			.replace("@authenticated", "@auth");
		assertThat(SupergraphLoader.parse(sdl).accessRules().field("Query", "me").authenticated()).isTrue();
	}

}
