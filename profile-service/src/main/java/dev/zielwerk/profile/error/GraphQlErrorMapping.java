package dev.zielwerk.profile.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.DataFetchingEnvironment;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * The one place where failures become GraphQL errors. Exceptions of data fetchers: known
 * failures carry {@code extensions.code} (and {@code extensions.field} for bad input);
 * anything else is logged and answered as {@code INTERNAL_SERVER_ERROR} without
 * internals. Errors graphql-java raises before execution (a literal or variable of the
 * wrong type, a missing required input field, a bad document) get a code too:
 * {@code BAD_USER_INPUT} with the field for input values, else
 * {@code GRAPHQL_VALIDATION_FAILED} or {@code GRAPHQL_PARSE_FAILED}, as Apollo names
 * them.
 */
@Component
final class GraphQlErrorMapping extends DataFetcherExceptionResolverAdapter implements WebGraphQlInterceptor {

	private static final Logger log = LoggerFactory.getLogger(GraphQlErrorMapping.class);

	private static final Pattern ARGUMENT = Pattern.compile("argument '([^']+)'");

	private static final Pattern VARIABLE = Pattern.compile("Variable '([^']+)'");

	private static final Pattern MISSING_FIELD = Pattern.compile("Field '([^']+)' has coerced Null value");

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
		if (ex instanceof DeniedException denied) {
			return error.message(denied.getMessage()).extensions(Map.of("code", denied.code())).build();
		}
		log.error("Unexpected failure at {}", env.getExecutionStepInfo().getPath(), ex);
		return error.message("Internal error").extensions(Map.of("code", "INTERNAL_SERVER_ERROR")).build();
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map((response) -> {
			List<GraphQLError> errors = response.getExecutionResult().getErrors();
			if (errors.stream().allMatch(GraphQlErrorMapping::hasCode)) {
				return response;
			}
			Map<String, Object> variables = request.getVariables();
			return response.transform(
					(builder) -> builder.errors(errors.stream().map((error) -> withCode(error, variables)).toList()));
		});
	}

	private static boolean hasCode(GraphQLError error) {
		return error.getExtensions() != null && error.getExtensions().containsKey("code");
	}

	private static GraphQLError withCode(GraphQLError error, Map<String, Object> variables) {
		if (hasCode(error)) {
			return error;
		}
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (error.getExtensions() != null) {
			extensions.putAll(error.getExtensions());
		}
		String field = inputField(error, variables);
		if (field != null) {
			extensions.put("code", "BAD_USER_INPUT");
			extensions.put("field", field);
		}
		else if (error.getErrorType() == ErrorType.InvalidSyntax) {
			extensions.put("code", "GRAPHQL_PARSE_FAILED");
		}
		else if (error.getErrorType() == ErrorType.ValidationError) {
			extensions.put("code", "GRAPHQL_VALIDATION_FAILED");
		}
		else {
			return error;
		}
		GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
			.message(error.getMessage())
			.locations(error.getLocations())
			.errorType(error.getErrorType())
			.extensions(extensions);
		return (error.getPath() != null) ? builder.path(error.getPath()).build() : builder.build();
	}

	/**
	 * The input field a pre-execution error is about, or null when it is not about input.
	 */
	private static @Nullable String inputField(GraphQLError error, Map<String, Object> variables) {
		String message = (error.getMessage() != null) ? error.getMessage() : "";
		if (error instanceof ValidationError validation
				&& validation.getValidationErrorType() == ValidationErrorType.WrongType) {
			Matcher argument = ARGUMENT.matcher(message);
			return argument.find() ? argument.group(1) : "";
		}
		if (error instanceof CoercingParseValueException || error instanceof NonNullableValueCoercedAsNullException) {
			if (error.getPath() != null && !error.getPath().isEmpty()) {
				return error.getPath().stream().map(String::valueOf).collect(Collectors.joining("."));
			}
			Matcher variable = VARIABLE.matcher(message);
			if (!variable.find()) {
				return "";
			}
			String name = variable.group(1);
			Matcher missing = MISSING_FIELD.matcher(message);
			if (missing.find()) {
				return name + "." + missing.group(1);
			}
			String located = locate(name, variables.get(name), message);
			return (located != null) ? located : name;
		}
		return null;
	}

	/**
	 * graphql-java names only the variable when a value deep inside it fails to coerce,
	 * but quotes the offending value; find the leaf holding it to name the exact field.
	 */
	private static @Nullable String locate(String path, @Nullable Object value, String message) {
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String found = locate(path + "." + entry.getKey(), entry.getValue(), message);
				if (found != null) {
					return found;
				}
			}
			return null;
		}
		if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				String found = locate(path + "[" + i + "]", list.get(i), message);
				if (found != null) {
					return found;
				}
			}
			return null;
		}
		if (value == null) {
			return null;
		}
		String text = String.valueOf(value);
		return (message.contains("\"" + text + "\"") || message.contains("'" + text + "'")) ? path : null;
	}

}
