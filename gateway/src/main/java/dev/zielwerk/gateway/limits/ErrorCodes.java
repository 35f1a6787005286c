package dev.zielwerk.gateway.limits;

/**
 * The {@code extensions.code} values of requests the gateway refuses before planning.
 * Stable: clients and dashboards match on them.
 */
public final class ErrorCodes {

	public static final String MAX_DEPTH_EXCEEDED = "MAX_DEPTH_EXCEEDED";

	public static final String MAX_ALIASES_EXCEEDED = "MAX_ALIASES_EXCEEDED";

	public static final String MAX_ROOT_FIELDS_EXCEEDED = "MAX_ROOT_FIELDS_EXCEEDED";

	public static final String MAX_DIRECTIVES_EXCEEDED = "MAX_DIRECTIVES_EXCEEDED";

	public static final String COST_ESTIMATED_TOO_EXPENSIVE = "COST_ESTIMATED_TOO_EXPENSIVE";

	/** Set by the parser step for the token and whitespace-token limits. */
	public static final String PARSER_TOKEN_LIMIT = "PARSER_TOKEN_LIMIT";

	public static final String PARSER_RECURSION_LIMIT = "PARSER_RECURSION_LIMIT";

	public static final String PARSER_CHARACTER_LIMIT = "PARSER_CHARACTER_LIMIT";

	/** HTTP 413. */
	public static final String REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE";

	public static final String INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED";

	public static final String BATCHING_NOT_ENABLED = "BATCHING_NOT_ENABLED";

	public static final String BATCH_TOO_LARGE = "BATCH_TOO_LARGE";

	public static final String CSRF_PREFLIGHT_REQUIRED = "CSRF_PREFLIGHT_REQUIRED";

	/** HTTP 405: a mutation over GET. */
	public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";

	/** Anything unexpected, with no details. */
	public static final String INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";

	private ErrorCodes() {
	}

}
