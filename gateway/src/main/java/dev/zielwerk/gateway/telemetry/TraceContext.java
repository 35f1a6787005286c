package dev.zielwerk.gateway.telemetry;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * A W3C trace context (https://www.w3.org/TR/trace-context/): the trace id, the id of the
 * gateway's own span for this request, the id of the caller's span (if any) and the trace
 * flags. Subgraph fetches get a {@code traceparent} with the same trace id and a new span
 * id of their own.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param spanId the gateway's span, 16 lowercase hex digits, not all zero
 * @param parentId the caller's span, null when the trace starts here
 * @param flags two hex digits ({@code 01} = sampled)
 * @param traceState the caller's {@code tracestate}, passed on unchanged
 */
public record TraceContext(String traceId, String spanId, @Nullable String parentId, String flags,
		@Nullable String traceState) {

	static final String TRACEPARENT = "traceparent";

	static final String TRACESTATE = "tracestate";

	private static final HexFormat HEX = HexFormat.of();

	/**
	 * The context of a request: continues the caller's trace when its {@code traceparent}
	 * is valid, else starts a new sampled trace.
	 * @param traceparent the header as received, may be null
	 * @param traceState the {@code tracestate} header, may be null
	 * @return the gateway's context for this request
	 */
	public static TraceContext continueOrStart(@Nullable String traceparent, @Nullable String traceState) {
		if (traceparent != null) {
			String value = traceparent.strip();
			// version 00 is exactly 55 characters; a higher version may append fields
			// after a dash, which this version ignores as the spec asks
			if (value.length() >= 55 && (value.length() == 55 || value.charAt(55) == '-') && value.charAt(2) == '-'
					&& value.charAt(35) == '-' && value.charAt(52) == '-') {
				String version = value.substring(0, 2);
				String traceId = value.substring(3, 35);
				String parentId = value.substring(36, 52);
				String flags = value.substring(53, 55);
				boolean valid = hex(version) && !version.equals("ff") && (!version.equals("00") || value.length() == 55)
						&& hex(traceId) && !zero(traceId) && hex(parentId) && !zero(parentId) && hex(flags);
				if (valid) {
					return new TraceContext(traceId, newId(8), parentId, flags, traceState);
				}
			}
		}
		return new TraceContext(newId(16), newId(8), null, "01", null);
	}

	/** The {@code traceparent} of a call made from this span, with a new span id. */
	public String childTraceparent() {
		return "00-" + this.traceId + "-" + newId(8) + "-" + this.flags;
	}

	/** The {@code traceparent} of the gateway's own span. */
	public String traceparent() {
		return "00-" + this.traceId + "-" + this.spanId + "-" + this.flags;
	}

	private static String newId(int bytes) {
		byte[] id = new byte[bytes];
		do {
			ThreadLocalRandom.current().nextBytes(id);
		}
		while (zero(HEX.formatHex(id)));
		return HEX.formatHex(id);
	}

	private static boolean hex(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean zero(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) != '0') {
				return false;
			}
		}
		return true;
	}

}
