package dev.zielwerk.gateway.composition;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Why subgraphs do not compose: a code in the style of Apollo's composition errors
 * ({@code INVALID_FIELD_SHARING}, {@code FIELD_TYPE_MISMATCH}, ...), a message, and the
 * type, field and subgraphs involved.
 *
 * @param code the error code
 * @param message what is wrong, naming the elements and subgraphs
 * @param type the type at fault, when there is one
 * @param field the field (or argument, enum value, input field) at fault, when there is
 * one
 * @param subgraphs the subgraphs involved
 */
public record CompositionError(String code, String message, @Nullable String type, @Nullable String field,
		List<String> subgraphs) {

	public CompositionError {
		subgraphs = List.copyOf(subgraphs);
	}

	@Override
	public String toString() {
		return "[" + this.code + "] " + this.message;
	}

}
