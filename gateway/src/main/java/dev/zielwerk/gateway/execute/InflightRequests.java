package dev.zielwerk.gateway.execute;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.zielwerk.gateway.security.CallerContext;
import dev.zielwerk.identity.CallerIdentity;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Shares identical subgraph requests while they are in flight: the second caller of the
 * same subgraph with the same body gets the first caller's answer instead of a request of
 * its own. Only for queries; the executor never passes mutations here. Each caller parses
 * the shared bytes itself, so no response tree is shared.
 */
final class InflightRequests {

	private final Map<Key, Mono<SubgraphResponse>> inFlight = new ConcurrentHashMap<>();

	Mono<SubgraphResponse> share(String subgraph, byte[] body, Supplier<Mono<SubgraphResponse>> call) {
		return Mono.deferContextual((context) -> {
			// answers may depend on who asks (the subgraph sees the caller's identity)
			Key key = new Key(subgraph, ByteBuffer.wrap(body), CallerContext.sharingKey(context));
			return this.inFlight.computeIfAbsent(key,
					(k) -> call.get().doFinally((signal) -> this.inFlight.remove(k)).cache());
		});
	}

	int size() {
		return this.inFlight.size();
	}

	private record Key(String subgraph, ByteBuffer body, @Nullable CallerIdentity caller) {
	}

}
