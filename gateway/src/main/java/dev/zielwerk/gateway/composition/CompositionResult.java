package dev.zielwerk.gateway.composition;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a composition: a supergraph SDL, or the errors that prevent one.
 *
 * @param supergraphSdl the supergraph in Apollo's join spec format, null when composition
 * failed
 * @param errors the composition errors, empty on success
 */
public record CompositionResult(@Nullable String supergraphSdl, List<CompositionError> errors) {

	public CompositionResult {
		errors = List.copyOf(errors);
	}

	public boolean succeeded() {
		return this.supergraphSdl != null;
	}

	/**
	 * The supergraph SDL.
	 * @return the SDL
	 * @throws CompositionException with every error when composition failed
	 */
	public String supergraphSdlOrThrow() {
		if (this.supergraphSdl == null) {
			throw new CompositionException(this.errors);
		}
		return this.supergraphSdl;
	}

}
