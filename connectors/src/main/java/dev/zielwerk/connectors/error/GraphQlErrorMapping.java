package dev.zielwerk.connectors.error;

import java.util.Map;

import dev.zielwerk.connectors.destination.DestinationException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * The one place where failures of data fetchers become GraphQL errors: known failures
 * carry {@code extensions.code} (and {@code extensions.field} for bad input); anything
 * else is logged and answered as {@code INTERNAL_SERVER_ERROR} without internals, so no
 * credential or address can leak through an error message.
 */
@Component
final class GraphQlErrorMapping extends DataFetcherExceptionResolverAdapter {

	private static final Log logger = LogFactory.getLog(GraphQlErrorMapping.class);

	@Override
	protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError(env);
		if (ex instanceof InvalidInputException invalid) {
			return error.message(invalid.getMessage())
				.extensions(Map.of("code", "BAD_USER_INPUT", "field", invalid.field()))
				.build();
		}
		if (ex instanceof NotFoundException notFound) {
			return error.message(notFound.getMessage()).extensions(Map.of("code", "NOT_FOUND")).build();
		}
		if (ex instanceof ConflictException conflict) {
			return error.message(conflict.getMessage()).extensions(Map.of("code", "CONFLICT")).build();
		}
		// the destination's own answer (status, code, abbreviated body): never a
		// credential
		if (ex instanceof DestinationException destination) {
			return error.message(destination.getMessage())
				.extensions(Map.of("code", "DESTINATION_UNAVAILABLE"))
				.build();
		}
		logger.error("Unexpected failure at " + env.getExecutionStepInfo().getPath(), ex);
		return error.message("Internal error").extensions(Map.of("code", "INTERNAL_SERVER_ERROR")).build();
	}

}
