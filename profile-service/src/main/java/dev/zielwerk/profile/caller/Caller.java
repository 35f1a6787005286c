package dev.zielwerk.profile.caller;

import dev.zielwerk.identity.CallerIdentity;
import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;

/**
 * The caller of one GraphQL request as far as this subgraph could verify it: an identity,
 * nobody (no header), or a header that failed verification and why.
 *
 * @param identity the verified identity, or null
 * @param problem why the header was refused, or null when there was none or it was valid
 */
public record Caller(@Nullable CallerIdentity identity, @Nullable String problem) {

	/** Key of the caller in the GraphQL context. */
	public static final String CONTEXT_KEY = "zielwerk.caller";

	static final Caller ANONYMOUS = new Caller(null, null);

	/** The caller of the request, anonymous when nothing was put into the context. */
	public static Caller of(GraphQLContext context) {
		Caller caller = context.get(CONTEXT_KEY);
		return (caller != null) ? caller : ANONYMOUS;
	}

	public boolean isPartner() {
		return this.identity != null && this.identity.isPartner();
	}

}
