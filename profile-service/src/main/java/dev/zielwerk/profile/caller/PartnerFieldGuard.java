package dev.zielwerk.profile.caller;

import java.util.Set;

import dev.zielwerk.profile.error.DeniedException;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import org.springframework.stereotype.Component;

/**
 * A partner caller reaches the partner fields and nothing else: every other root field
 * (profiles, events, consent, {@code _entities}, the owner's partner administration)
 * answers {@code FORBIDDEN}. This is the subgraph's own line of defence; the schema's
 * {@code @requiresScopes} is the gateway's, and either one alone must keep partners out.
 */
@Component
final class PartnerFieldGuard implements Instrumentation {

	/** Root fields a partner may call; introspection and the SDL carry no data. */
	static final Set<String> PARTNER_FIELDS = Set.of("sharedAudiences", "audienceOverlap", "importPartnerTraits",
			"_service", "__typename", "__schema", "__type");

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
		DataFetchingEnvironment environment = parameters.getEnvironment();
		ExecutionStepInfo parent = environment.getExecutionStepInfo().getParent();
		boolean root = parent == null || parent.getPath().isRootPath();
		if (!root || PARTNER_FIELDS.contains(environment.getField().getName())) {
			return dataFetcher;
		}
		return (env) -> {
			if (Caller.of(env.getGraphQlContext()).isPartner()) {
				throw DeniedException.forbidden(env.getField().getName() + " is not for partner callers");
			}
			return dataFetcher.get(env);
		};
	}

}
