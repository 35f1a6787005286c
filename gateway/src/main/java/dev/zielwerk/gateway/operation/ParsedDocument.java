package dev.zielwerk.gateway.operation;

import java.util.List;
import java.util.Set;

import graphql.language.Document;
import org.jspecify.annotations.Nullable;

/**
 * A parsed document with its validation result, cached by query text.
 *
 * @param document the document, {@code null} when it does not parse
 * @param errors syntax or validation errors, empty when the document is valid
 * @param normalizedText the document printed compactly: documents that differ only in
 * whitespace, commas or comments share it, and so share plans
 * @param conditionVariables the variables used by {@code @skip} and {@code @include}:
 * their values change the normalized operation and so belong to the plan cache key
 */
public record ParsedDocument(@Nullable Document document, List<RequestError> errors, String normalizedText,
		Set<String> conditionVariables) {

	public boolean isValid() {
		return this.document != null && this.errors.isEmpty();
	}

}
