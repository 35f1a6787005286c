package dev.zielwerk.segment.store;

import org.jspecify.annotations.Nullable;

import org.springframework.r2dbc.core.DatabaseClient;

/** Binding values that may be null. */
public final class Binds {

	private Binds() {
	}

	/**
	 * Binds a value or a typed null.
	 * @param spec the statement
	 * @param index the 0-based index of the bind parameter
	 * @param value the value, or null
	 * @param type its type, for the null
	 * @return the statement
	 */
	public static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, int index,
			@Nullable Object value, Class<?> type) {
		return (value != null) ? spec.bind(index, value) : spec.bindNull(index, type);
	}

}
