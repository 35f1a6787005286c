package dev.zielwerk.profile.ingest;

import java.util.Locale;
import java.util.Optional;

/** The Segment-spec message types, as stored in {@code events.kind}. */
public enum EventKind {

	TRACK, PAGE, SCREEN, IDENTIFY, GROUP, ALIAS;

	/** The {@code type} of a Segment-spec message ("track", "identify", ...). */
	public static Optional<EventKind> fromType(String type) {
		for (EventKind kind : values()) {
			if (kind.name().equals(type.toUpperCase(Locale.ROOT))) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

}
