package dev.zielwerk.gateway.composition;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * SDLs from configured locations and from {@code _service { sdl }} of a subgraph that is
 * not up at first.
 */
class SubgraphSdlFetcherTests {

	private final AtomicInteger calls = new AtomicInteger();

	private DisposableServer server = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.handle((request, response) -> request.receive().aggregate().asString().flatMap((body) -> {
			int call = this.calls.incrementAndGet();
			if (call < 3 || !body.contains("_service")) {
				return response.status(503).sendString(Mono.just("starting")).then();
			}
			return response.header("content-type", "application/json")
				.sendString(Mono.just("{\"data\":{\"_service\":{\"sdl\":\"type Query { a: Int }\"}}}"))
				.then();
		}))
		.bindNow();

	@AfterEach
	void stop() {
		this.server.disposeNow();
	}

	@Test
	void asksTheSubgraphForItsSdlUntilItAnswers() {
		String url = "http://127.0.0.1:" + this.server.port() + "/graphql";
		List<SubgraphSource> sources = new SubgraphSdlFetcher(JsonMapper.shared(), 5, Duration.ofMillis(10))
			.sources(List.of(new SubgraphDefinition("a", url, null)));
		assertThat(sources).containsExactly(new SubgraphSource("a", url, "type Query { a: Int }"));
		assertThat(this.calls).hasValue(3);
	}

	@Test
	void givesUpAfterTheConfiguredAttemptsNamingTheSubgraphAndTheLastAnswer() {
		String url = "http://127.0.0.1:" + this.server.port() + "/graphql";
		SubgraphSdlFetcher fetcher = new SubgraphSdlFetcher(JsonMapper.shared(), 2, Duration.ofMillis(10));
		assertThatIllegalStateException()
			.isThrownBy(() -> fetcher.sources(List.of(new SubgraphDefinition("a", url, null))))
			.withMessageContaining("subgraph a")
			.withMessageContaining("after 2 attempts")
			.withMessageContaining("HTTP 503: starting");
	}

	@Test
	void readsSdlsFromTheClasspath() {
		List<SubgraphSource> sources = new SubgraphSdlFetcher(JsonMapper.shared(), 1, Duration.ZERO).sources(
				List.of(new SubgraphDefinition("accounts", "http://accounts", "classpath:kit/shop/accounts.graphql")));
		assertThat(sources.get(0).sdl()).contains("type Customer");
	}

}
