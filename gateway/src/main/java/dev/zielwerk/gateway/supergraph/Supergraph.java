package dev.zielwerk.gateway.supergraph;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * A loaded supergraph: the API schema clients see, the full schema the planner works on,
 * the subgraphs, and which subgraph resolves which field with which keys, requirements
 * and provided fields. Immutable and shared by all requests.
 */
public final class Supergraph {

	private final GraphQLSchema schema;

	private final GraphQLSchema apiSchema;

	private final Map<String, Subgraph> subgraphs;

	private final Map<String, TypeMeta> types;

	private final Map<String, Map<String, Set<String>>> memberships;

	private final Map<String, SelectionSet> fieldSets = new ConcurrentHashMap<>();

	private final Document sdl;

	private final AccessRules accessRules;

	Supergraph(GraphQLSchema schema, GraphQLSchema apiSchema, Map<String, Subgraph> subgraphs,
			Map<String, TypeMeta> types, Map<String, Map<String, Set<String>>> memberships, Document sdl) {
		this.sdl = sdl;
		this.accessRules = AccessRules.read(sdl);
		this.schema = schema;
		this.apiSchema = apiSchema;
		this.subgraphs = Map.copyOf(subgraphs);
		this.types = types;
		this.memberships = memberships;
	}

	/**
	 * The schema with every type and field of the supergraph, {@code @inaccessible} ones
	 * included, without the join and link machinery. Planning needs it because keys and
	 * requirements may use inaccessible fields.
	 * @return the full schema
	 */
	public GraphQLSchema schema() {
		return this.schema;
	}

	/**
	 * The schema clients see: no join or link types and directives, no
	 * {@code @inaccessible} elements.
	 * @return the API schema
	 */
	public GraphQLSchema apiSchema() {
		return this.apiSchema;
	}

	/**
	 * The supergraph SDL as parsed, with every directive: features beyond the schemas
	 * (such as {@code @cost} and {@code @listSize}) read their directives from it.
	 * @return the parsed supergraph document
	 */
	public Document sdl() {
		return this.sdl;
	}

	/**
	 * The {@code @authenticated} and {@code @requiresScopes} rules on types and fields.
	 * @return the authorization metadata
	 */
	public AccessRules accessRules() {
		return this.accessRules;
	}

	public Collection<Subgraph> subgraphs() {
		return this.subgraphs.values();
	}

	public Subgraph subgraph(String name) {
		Subgraph subgraph = this.subgraphs.get(name);
		if (subgraph == null) {
			throw new SupergraphException("unknown subgraph " + name);
		}
		return subgraph;
	}

	/**
	 * The subgraphs that can resolve a field themselves (not {@code @external}, not
	 * overridden), in supergraph order.
	 * @param typeName the parent type
	 * @param fieldName the field
	 * @return the subgraph names, empty when the field is unknown
	 */
	public Set<String> resolvingSubgraphs(String typeName, String fieldName) {
		FieldMeta field = field(typeName, fieldName);
		return (field != null) ? field.resolvedBy() : Set.of();
	}

	public boolean resolves(String subgraph, String typeName, String fieldName) {
		return resolvingSubgraphs(typeName, fieldName).contains(subgraph);
	}

	/**
	 * Whether a subgraph defines a type at all (it may then return objects of it).
	 * @param subgraph the subgraph name
	 * @param typeName the type name
	 * @return true when the subgraph has {@code @join__type} for the type
	 */
	public boolean defines(String subgraph, String typeName) {
		TypeMeta type = this.types.get(typeName);
		return type == null || type.definedIn().isEmpty() || type.definedIn().contains(subgraph);
	}

	/**
	 * Whether a subgraph can return objects of a type where an interface or union is
	 * expected: the type is an implementation or member there. Supergraphs without
	 * {@code @join__implements} / {@code @join__unionMember} for the abstract type fall
	 * back to whether the subgraph defines the object type.
	 * @param subgraph the subgraph
	 * @param abstractType the interface or union
	 * @param objectType the object type
	 * @return true when the subgraph may answer with that type
	 */
	public boolean returns(String subgraph, String abstractType, String objectType) {
		Map<String, Set<String>> members = this.memberships.get(abstractType);
		if (members == null) {
			return defines(subgraph, objectType);
		}
		Set<String> graphs = members.get(objectType);
		return graphs != null && graphs.contains(subgraph);
	}

	/**
	 * The subgraphs that define a type.
	 * @param typeName the type name
	 * @return the subgraph names in supergraph order, empty for unknown types
	 */
	public Set<String> definingSubgraphs(String typeName) {
		TypeMeta type = this.types.get(typeName);
		return (type != null) ? type.definedIn() : Set.of();
	}

	/**
	 * Whether a subgraph sees an interface as an object type ({@code @interfaceObject}):
	 * it resolves fields for every implementation but knows none of them, so its objects
	 * carry the interface's name as {@code __typename}.
	 * @param typeName the interface name
	 * @param subgraph the subgraph
	 * @return true for an interface object in that subgraph
	 */
	public boolean isInterfaceObject(String typeName, String subgraph) {
		TypeMeta type = this.types.get(typeName);
		return type != null && type.interfaceObjectIn().contains(subgraph);
	}

	/**
	 * The resolvable keys of an entity in one subgraph, as field sets.
	 * @param typeName the entity type
	 * @param subgraph the subgraph
	 * @return the key field sets, empty when the subgraph cannot be entered through this
	 * type
	 */
	public List<String> keys(String typeName, String subgraph) {
		TypeMeta type = this.types.get(typeName);
		return (type != null) ? type.keys().getOrDefault(subgraph, List.of()) : List.of();
	}

	public String requires(String typeName, String fieldName, String subgraph) {
		FieldMeta field = field(typeName, fieldName);
		return (field != null) ? field.requires().getOrDefault(subgraph, "") : "";
	}

	public String provides(String typeName, String fieldName, String subgraph) {
		FieldMeta field = field(typeName, fieldName);
		return (field != null) ? field.provides().getOrDefault(subgraph, "") : "";
	}

	/**
	 * The type a subgraph declares for a field, as written in SDL ({@code [ID!]!}): the
	 * supergraph's own unless {@code @join__field(type:)} says the subgraph differs.
	 * Subgraph queries must be valid against the subgraph's schema, where fields of
	 * sibling fragments that share a response key must have the same shape.
	 * @param subgraph the subgraph
	 * @param typeName the parent type
	 * @param fieldName the field
	 * @return the type text, or {@code null} for a field the schema does not have
	 */
	public @Nullable String fieldType(String subgraph, String typeName, String fieldName) {
		FieldMeta field = field(typeName, fieldName);
		String declared = (field != null) ? field.types().get(subgraph) : null;
		if (declared != null) {
			return declared;
		}
		if (this.schema.getType(typeName) instanceof GraphQLFieldsContainer container) {
			GraphQLFieldDefinition definition = container.getFieldDefinition(fieldName);
			return (definition != null) ? GraphQLTypeUtil.simplePrint(definition.getType()) : null;
		}
		return null;
	}

	/**
	 * Parses a field set ({@code "id"}, {@code "weight { grams }"}) once and caches it.
	 * @param fieldSet the field set text
	 * @return its selection set
	 */
	public SelectionSet fieldSet(String fieldSet) {
		return this.fieldSets.computeIfAbsent(fieldSet, (text) -> {
			Document document = Parser.parse("{" + text + "}");
			return document.getDefinitionsOfType(OperationDefinition.class).get(0).getSelectionSet();
		});
	}

	private FieldMeta field(String typeName, String fieldName) {
		TypeMeta type = this.types.get(typeName);
		return (type != null) ? type.fields().get(fieldName) : null;
	}

}
