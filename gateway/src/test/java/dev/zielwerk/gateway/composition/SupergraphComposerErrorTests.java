package dev.zielwerk.gateway.composition;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of composition error, with its message and the type, field and subgraphs it
 * names. Each case was also composed with Apollo's composition (@apollo/composition 2.x),
 * which reports the same code.
 */
class SupergraphComposerErrorTests {

	private static final String LINK = "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.5\", "
			+ "import: [\"@key\", \"@shareable\", \"@external\", \"@requires\", \"@provides\", \"@override\", "
			+ "\"@inaccessible\", \"@interfaceObject\"])\n";

	static Stream<Arguments> cases() {
		return Stream.of(Arguments.of("argdefault", "type Query { a: T } type T @shareable { f(x: Int = 1): Int }",
				"type Query { b: T } type T @shareable { f(x: Int = 2): Int }", "FIELD_ARGUMENT_DEFAULT_MISMATCH",
				"Argument \"T.f(x:)\" has incompatible default values across subgraphs: it has default value 1 in subgraph \"a\" and 2 in subgraph \"b\"",
				"T", "f", "a,b"),
				Arguments.of("argreq", "type Query { a: T } type T @shareable { f(x: Int!): Int }",
						"type Query { b: T } type T @shareable { f: Int }",
						"REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
						"Argument \"T.f(x:)\" is required in some subgraphs but does not appear in all subgraphs: it is required in subgraph \"a\" but does not appear in subgraph \"b\"",
						"T", "f", "a,b"),
				Arguments.of("argtype", "type Query { a: T } type T @shareable { f(x: Int): Int }",
						"type Query { b: T } type T @shareable { f(x: String): Int }", "FIELD_ARGUMENT_TYPE_MISMATCH",
						"Type of argument \"T.f(x:)\" is incompatible across subgraphs: it has type \"Int\" in subgraph \"a\" but type \"String\" in subgraph \"b\"",
						"T", "f", "a,b"),
				Arguments.of("badimport",
						"extend schema @link(url: \"https://specs.apollo.dev/federation/v2.5\", import: [\"@key\", \"@nope\"]) type Query { a: Int }",
						null, "INVALID_LINK_DIRECTIVE_USAGE",
						"[a] Cannot import unknown element \"@nope\" from the federation specification.", null, null,
						"a"),
				Arguments.of("enumempty", "type Query { a(e: E): Int } enum E { X }",
						"type Query { b(e: E): Int } enum E { Y }", "EMPTY_MERGED_ENUM_TYPE",
						"None of the values of enum type \"E\" are defined consistently in all the subgraphs defining that type. As only values common to all subgraphs are merged (because \"E\" is used only as input type), this would result in an empty type.",
						"E", null, "a,b"),
				Arguments.of("enummismatch", "type Query { a(e: E): E } enum E { X Y }",
						"type Query { b: E } enum E { X }", "ENUM_VALUE_MISMATCH",
						"Enum type \"E\" is used as both input type (for example, as type of \"Query.a(e:)\") and output type (for example, as type of \"Query.a\"), but value \"Y\" is not defined in all the subgraphs defining \"E\": \"Y\" is defined in subgraph \"a\" but not in subgraph \"b\"",
						"E", "Y", "a,b"),
				Arguments.of("extbase",
						"type Query { a: T } type T @key(fields: \"id\") { id: ID! n: String @external m: Int @requires(fields: \"n\") }",
						null, "EXTERNAL_MISSING_ON_BASE",
						"Field \"T.n\" is marked @external on all the subgraphs in which it is listed (subgraph \"a\").",
						"T", "n", "a"),
				Arguments.of("extmismatch",
						"type Query { a: T } type T @key(fields: \"id\") { id: ID! n: String @external m: Int @requires(fields: \"n\") }",
						"type T @key(fields: \"id\") { id: ID! n: Int }", "EXTERNAL_TYPE_MISMATCH",
						"Type of field \"T.n\" is incompatible across subgraphs (where marked @external): it has type \"String\" in subgraph \"a\" but type \"Int\" in subgraph \"b\"",
						"T", "n", "a,b"),
				Arguments.of("extunused",
						"type Query { a: T } type T @key(fields: \"id\") { id: ID! n: String @external }",
						"type T @key(fields: \"id\") { id: ID! n: String }", "EXTERNAL_UNUSED",
						"[a] Field \"T.n\" is marked @external but is not used in any federation directive (@key, @provides, @requires) or to satisfy an interface; the field declaration has no use and should be removed (or the field should not be @external).",
						"T", "n", "a"),
				Arguments.of("ifacekey",
						"type Query { a: I } interface I @key(fields: \"id\") { id: ID! } type A implements I @key(fields: \"x\") { id: ID! x: ID! }",
						null, "INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
						"[a] Key @key(fields: \"id\") on interface type \"I\" is missing on implementation type \"A\".",
						"A", null, "a"),
				Arguments.of("ifacenoimpl", "type Query { a: I } interface I { x: Int } type A implements I { x: Int }",
						"type Query { b: I } interface I { y: Int } type B implements I { y: Int }",
						"INTERFACE_FIELD_NO_IMPLEM",
						"Interface field \"I.y\" is declared in subgraph \"b\" but type \"A\", which implements \"I\" in subgraph \"a\", does not have field \"y\".",
						"A", "y", "b"),
				Arguments.of("ifaceobj", "type Query { a: I } type I @key(fields: \"id\") @interfaceObject { id: ID! }",
						null, "INTERFACE_OBJECT_USAGE_ERROR",
						"Type \"I\" is declared with @interfaceObject in all the subgraphs in which is is defined (it is defined in subgraph \"a\")",
						"I", null, "a"),
				Arguments.of("inputempty", "type Query { a(i: I): Int } input I { x: Int }",
						"type Query { b(i: I): Int } input I { y: Int }", "EMPTY_MERGED_INPUT_TYPE",
						"None of the fields of input object type \"I\" are consistently defined in all the subgraphs defining that type. As only fields common to all subgraphs are merged, this would result in an empty type.",
						"I", null, "a,b"),
				Arguments.of("inputreq", "type Query { a(i: I): Int } input I { x: Int! y: Int }",
						"type Query { b(i: I): Int } input I { y: Int }",
						"REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
						"Input object field \"I.x\" is required in some subgraphs but does not appear in all subgraphs: it is required in subgraph \"a\" but does not appear in subgraph \"b\"",
						"I", "x", "a,b"),
				Arguments.of("keyargs", "type Query { a: T } type T @key(fields: \"id\") { id(x: Int): ID! }", null,
						"KEY_FIELDS_HAS_ARGS",
						"[a] On type \"T\", for @key(fields: \"id\"): field \"T.id\" has arguments", "T", null, "a"),
				Arguments.of("keyinvalid", "type Query { a: T } type T @key(fields: \"idd\") { id: ID! }", null,
						"KEY_INVALID_FIELDS",
						"[a] On type \"T\", for @key(fields: \"idd\"): Cannot query field \"idd\" on type \"T\" (if the field is defined in another subgraph, you need to add it to this subgraph with @external).",
						"T", null, "a"),
				Arguments.of("keyunion",
						"type Query { a: T } type T @key(fields: \"u { ... on A { id } }\") { u: U } union U = A type A { id: ID! }",
						null, "KEY_FIELDS_SELECT_INVALID_TYPE",
						"[a] On type \"T\", for @key(fields: \"u { ... on A { id } }\"): field \"T.u\" is a Union Type which is not allowed in @key",
						"T", null, "a"),
				Arguments.of("kind", "type Query { a: T } type T { f: Int }",
						"type Query { b: T } interface T { f: Int }", "TYPE_KIND_MISMATCH",
						"Type \"T\" has mismatched kind: it is defined as Object Type in subgraph \"a\" but Interface Type in subgraph \"b\"",
						"T", null, "a,b"),
				Arguments.of("onlyinacc", "type Query { a: T } type T { f: Int @inaccessible }", null,
						"ONLY_INACCESSIBLE_CHILDREN",
						"Type \"T\" is in the API schema but all of its fields are @inaccessible.", "T", null, "a"),
				Arguments.of("overrideext",
						"type Query { a: T } type T @key(fields: \"id\") { id: ID! n: String @override(from: \"b\") @external m: Int @requires(fields: \"n\") }",
						"type T @key(fields: \"id\") { id: ID! n: String }",
						"OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
						"[a] @override cannot be used on field \"T.n\" on subgraph \"a\" since \"T.n\" on \"a\" is marked with directive \"@external\"",
						"T", "n", "a"),
				Arguments.of("overrideself",
						"type Query { a: T } type T @key(fields: \"id\") { id: ID! n: String @override(from: \"a\") }",
						null, "OVERRIDE_FROM_SELF_ERROR",
						"[a] Source and destination subgraphs \"a\" are the same for overridden field \"T.n\"", "T",
						"n", "a"),
				Arguments.of("overridesrc",
						"type Query { a: T } type T @key(fields: \"id\") { id: ID! n: String @override(from: \"b\") }",
						"type T @key(fields: \"id\") { id: ID! n: String @override(from: \"a\") }",
						"OVERRIDE_SOURCE_HAS_OVERRIDE",
						"Field \"T.n\" on subgraph \"a\" is also marked with directive @override in subgraph \"b\". Only one @override directive is allowed per field.",
						"T", "n", "a,b"),
				Arguments.of("providesinvalid",
						"type Query { a: T @provides(fields: \"zz\") } type T @key(fields: \"id\") { id: ID! }", null,
						"PROVIDES_INVALID_FIELDS",
						"[a] On field \"Query.a\", for @provides(fields: \"zz\"): Cannot query field \"zz\" on type \"T\" (if the field is defined in another subgraph, you need to add it to this subgraph with @external).",
						"Query", "a", "a"),
				Arguments.of("providesnonobj", "type Query { a: Int @provides(fields: \"x\") }", null,
						"PROVIDES_ON_NON_OBJECT_FIELD",
						"[a] Invalid @provides directive on field \"Query.a\": field has type \"Int\" which is not a Composite Type",
						"Query", "a", "a"),
				Arguments.of("providesnotext",
						"type Query { a: T @provides(fields: \"n\") } type T @key(fields: \"id\") { id: ID! n: String }",
						null, "PROVIDES_FIELDS_MISSING_EXTERNAL",
						"[a] On field \"Query.a\", for @provides(fields: \"n\"): field \"T.n\" should not be part of a @provides since it is already provided by this subgraph (it is not marked @external)",
						"Query", "a", "a"),
				Arguments.of("refinacc", "type Query { a: T } type T @inaccessible { f: Int }", null,
						"REFERENCED_INACCESSIBLE",
						"Type \"T\" is @inaccessible but is referenced by \"Query.a\", which is in the API schema.",
						"Query", "a", "a"),
				Arguments.of("reqinacc", "type Query { a(x: Int! @inaccessible): Int b: Int }", null,
						"REQUIRED_INACCESSIBLE",
						"Argument \"Query.a(x:)\" is @inaccessible but is a required argument of its field.", "Query",
						"a", "a"),
				Arguments.of("requiresinvalid",
						"type Query { a: T } type T @key(fields: \"id\") { id: ID! f: Int @requires(fields: \"nope\") }",
						null, "REQUIRES_INVALID_FIELDS",
						"[a] On field \"T.f\", for @requires(fields: \"nope\"): Cannot query field \"nope\" on type \"T\" (if the field is defined in another subgraph, you need to add it to this subgraph with @external).",
						"T", "f", "a"),
				Arguments.of("requiresnotext",
						"type Query { a: T } type T @key(fields: \"id\") { id: ID! g: Int f: Int @requires(fields: \"g\") }",
						null, "REQUIRES_FIELDS_MISSING_EXTERNAL",
						"[a] On field \"T.f\", for @requires(fields: \"g\"): field \"T.g\" should not be part of a @requires since it is already provided by this subgraph (it is not marked @external)",
						"T", "f", "a"),
				Arguments.of("sharing",
						"type Query { me: User } type User @key(fields: \"id\") { id: ID! name: String }",
						"type User @key(fields: \"id\") { id: ID! name: String }", "INVALID_FIELD_SHARING",
						"Non-shareable field \"User.name\" is resolved from multiple subgraphs: it is resolved from subgraphs \"a\" and \"b\" and defined as non-shareable in all of them",
						"User", "name", "a,b"),
				Arguments.of("syntax", "type Query { a: }", null, "INVALID_GRAPHQL",
						"[a] the SDL does not parse: Invalid syntax with offending token '}' at line 2 column 17", null,
						null, "a"),
				Arguments.of("typemismatch", "type Query { a: T } type T @shareable { f: Int }",
						"type Query { b: T } type T @shareable { f: String }", "FIELD_TYPE_MISMATCH",
						"Type of field \"T.f\" is incompatible across subgraphs: it has type \"Int\" in subgraph \"a\" but type \"String\" in subgraph \"b\"",
						"T", "f", "a,b"),
				Arguments.of("unknowntype", "type Query { a: Nope }", null, "INVALID_GRAPHQL",
						"[a] Unknown type \"Nope\" (used by \"Query.a\").", "Query", "a", "a"),
				Arguments.of("valuetype", "type Query { a: Money } type Money { amount: Int }",
						"type Query { b: Money } type Money { amount: Int }", "INVALID_FIELD_SHARING",
						"Non-shareable field \"Money.amount\" is resolved from multiple subgraphs: it is resolved from subgraphs \"a\" and \"b\" and defined as non-shareable in all of them",
						"Money", "amount", "a,b"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void reportsThePreciseError(String name, String a, @Nullable String b, String code, String message,
			@Nullable String type, @Nullable String field, String subgraphs) {
		CompositionResult result = SupergraphComposer.compose(sources(a, b));
		assertThat(result.succeeded()).isFalse();
		assertThat(result.errors()).first()
			.isEqualTo(new CompositionError(code, message, type, field, Arrays.asList(subgraphs.split(","))));
	}

	private static List<SubgraphSource> sources(String a, @Nullable String b) {
		SubgraphSource first = source("a", a);
		return (b != null) ? List.of(first, source("b", b)) : List.of(first);
	}

	private static SubgraphSource source(String name, String body) {
		return new SubgraphSource(name, "http://" + name, body.startsWith("extend schema") ? body : LINK + body);
	}

}
