package dev.zielwerk.gateway.composition;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Subgraphs that do not compose, with every error in the message (the gateway fails at
 * startup with it).
 */
public final class CompositionException extends RuntimeException {

	private final transient List<CompositionError> errors;

	CompositionException(List<CompositionError> errors) {
		super("the subgraphs do not compose (" + errors.size() + " error" + ((errors.size() == 1) ? "" : "s") + "):\n"
				+ errors.stream().map((e) -> "  " + e).collect(Collectors.joining("\n")));
		this.errors = List.copyOf(errors);
	}

	public List<CompositionError> errors() {
		return this.errors;
	}

}
