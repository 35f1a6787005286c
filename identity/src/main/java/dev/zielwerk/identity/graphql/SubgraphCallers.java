package dev.zielwerk.identity.graphql;

import dev.zielwerk.identity.CallerIdentity;
import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;

/**
 * Where a subgraph finds the verified caller: in the GraphQL context under
 * {@value #CONTEXT_KEY} (a controller can take
 * {@code @ContextValue(name = SubgraphCallers.CONTEXT_KEY) CallerIdentity caller}).
 */
public final class SubgraphCallers {

	/** The GraphQL context key of the verified caller. */
	public static final String CONTEXT_KEY = "zielwerk.caller";

	private SubgraphCallers() {
	}

	/**
	 * The caller the gateway vouched for.
	 * @param context the GraphQL context of the request
	 * @return the caller, or null when the request carried no identity header (allowed
	 * only while {@code zielwerk.identity.required} is false)
	 */
	public static @Nullable CallerIdentity caller(GraphQLContext context) {
		return context.get(CONTEXT_KEY);
	}

}
