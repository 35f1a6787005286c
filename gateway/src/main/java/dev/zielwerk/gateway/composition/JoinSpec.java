package dev.zielwerk.gateway.composition;

import java.util.List;

/**
 * The definitions a supergraph carries for the specs it links: {@code join} v0.3,
 * {@code link} v1.0 and {@code inaccessible} v0.2, written as Apollo's composition writes
 * them.
 */
final class JoinSpec {

	static final List<String> DIRECTIVES = List.of(
			"directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE",
			"directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION",
			"directive @join__graph(name: String!, url: String!) on ENUM_VALUE",
			"directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE",
			"directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR",
			"directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION",
			"directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA");

	static final String INACCESSIBLE = "directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION";

	static final String LINK_TYPES = """
			scalar link__Import

			enum link__Purpose {
			  \"""
			  `SECURITY` features provide metadata necessary to securely resolve fields.
			  \"""
			  SECURITY

			  \"""
			  `EXECUTION` features provide metadata necessary for operation execution.
			  \"""
			  EXECUTION
			}
			""";

	static final String TAG = "directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION | SCHEMA";

	private JoinSpec() {
	}

}
