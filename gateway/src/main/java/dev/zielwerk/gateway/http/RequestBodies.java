package dev.zielwerk.gateway.http;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Reads a request body whole, bounded: a body over the limit fails with
 * {@link org.springframework.core.io.buffer.DataBufferLimitException} before it is held
 * in memory, so every transport (POST, SSE) shares one size rule.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * The body's bytes.
	 * @param request the request
	 * @param maxBytes the most bytes accepted
	 * @return the bytes, empty for no body
	 */
	public static Mono<byte[]> read(ServerRequest request, int maxBytes) {
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxBytes).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(new byte[0]);
	}

}
