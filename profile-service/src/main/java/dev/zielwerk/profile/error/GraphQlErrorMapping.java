package dev.zielwerk.profile.error;

import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * The one place where exceptions become GraphQL errors. Known failures carry
 * {@code extensions.code} (and {@code extensions.field} for bad input); anything else is
 * logged and answered as {@code INTERNAL_SERVER_ERROR} without internals.
 */
@Component
final class GraphQlErrorMapping extends DataFetcherExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(GraphQlErrorMapping.class);

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
		log.error("Unexpected failure at {}", env.getExecutionStepInfo().getPath(), ex);
		return error.message("Internal error").extensions(Map.of("code", "INTERNAL_SERVER_ERROR")).build();
	}

}
