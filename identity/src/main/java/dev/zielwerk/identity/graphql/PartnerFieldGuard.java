package dev.zielwerk.identity.graphql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.zielwerk.identity.CallerIdentity;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * The subgraph's own line of defence for second-party sharing: a partner caller (its
 * verified identity names a partner) gets every field refused with FORBIDDEN unless the
 * schema opens it to partners: a {@code @requiresScopes} whose scope sets name the
 * partner scope on the field, its parent type or the type it returns, or an entry
 * {@code Type.field} (or {@code Type.*}) in the allow-list. Federation's own fields
 * ({@code _entities}, {@code _service}) and {@code __typename} stay open, so the gateway
 * can still resolve entities whose fields are then checked one by one. Callers that are
 * not partners pass untouched.
 */
public final class PartnerFieldGuard extends SimplePerformantInstrumentation {

	private static final Set<String> OPEN = Set.of("_entities", "_service", "__typename", "__schema", "__type");

	private final Set<String> allowList;

	private final Map<String, Boolean> decisions = new ConcurrentHashMap<>();

	/**
	 * @param allowList coordinates ({@code Type.field}, {@code Type.*}) open to partners
	 * besides those the schema marks
	 */
	public PartnerFieldGuard(Set<String> allowList) {
		this.allowList = Set.copyOf(allowList);
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, @Nullable InstrumentationState state) {
		return (environment) -> {
			CallerIdentity caller = SubgraphCallers.caller(environment.getGraphQlContext());
			if (caller != null && caller.isPartner() && !open(environment)) {
				String coordinate = coordinate(environment);
				return DataFetcherResult.newResult()
					.error(GraphqlErrorBuilder.newError(environment)
						.message("Partner callers may not access " + coordinate + ": it is not shared with partners.")
						.extensions(Map.of("code", "FORBIDDEN"))
						.build())
					.build();
			}
			return dataFetcher.get(environment);
		};
	}

	private boolean open(DataFetchingEnvironment environment) {
		GraphQLFieldDefinition field = environment.getFieldDefinition();
		if (OPEN.contains(field.getName())) {
			return true;
		}
		return this.decisions.computeIfAbsent(coordinate(environment), (coordinate) -> {
			GraphQLNamedType parent = (GraphQLNamedType) environment.getParentType();
			if (this.allowList.contains(coordinate) || this.allowList.contains(parent.getName() + ".*")) {
				return true;
			}
			GraphQLType returned = GraphQLTypeUtil.unwrapAll(field.getType());
			return namesPartner(field) || (parent instanceof GraphQLDirectiveContainer p && namesPartner(p))
					|| (returned instanceof GraphQLDirectiveContainer r && namesPartner(r));
		});
	}

	private static String coordinate(DataFetchingEnvironment environment) {
		return ((GraphQLNamedType) environment.getParentType()).getName() + "."
				+ environment.getFieldDefinition().getName();
	}

	private static boolean namesPartner(GraphQLDirectiveContainer element) {
		for (GraphQLAppliedDirective directive : element.getAppliedDirectives()) {
			String name = directive.getName();
			if (!name.equals("requiresScopes") && !name.endsWith("__requiresScopes")) {
				continue;
			}
			GraphQLAppliedDirectiveArgument scopes = directive.getArgument("scopes");
			Object value = (scopes != null) ? scopes.getValue() : null;
			if (value instanceof List<?> sets) {
				for (Object set : sets) {
					if (set instanceof List<?> all && all.contains(CallerIdentity.PARTNER_SCOPE)) {
						return true;
					}
				}
			}
		}
		return false;
	}

}
