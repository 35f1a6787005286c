package dev.zielwerk.segment.error;

/** A referenced thing does not exist. Maps to {@code NOT_FOUND}. */
public final class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what);
	}

}
