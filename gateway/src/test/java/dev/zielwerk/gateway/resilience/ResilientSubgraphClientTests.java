package dev.zielwerk.gateway.resilience;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zielwerk.gateway.execute.SubgraphFailure;
import dev.zielwerk.gateway.execute.SubgraphResponse;
import dev.zielwerk.gateway.supergraph.Subgraph;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResilientSubgraphClientTests {

	private static final Subgraph STOCK = new Subgraph("stock", "http://127.0.0.1:1/graphql");

	private static final Policy POLICY = new Policy(Duration.ofMillis(200), 50, Duration.ofSeconds(10), 100,
			Duration.ofSeconds(5), 1, 10, 3, Duration.ofMillis(1), 2.0, 0.5);

	@Test
	void onlyQueriesCountAsSafeToRepeat() {
		assertThat(ResilientSubgraphClient.isQuery(bytes("{\"query\":\"query{a}\"}"))).isTrue();
		assertThat(ResilientSubgraphClient.isQuery(bytes("{\"query\":\"query($representations:[_Any!]!){}\"}")))
			.isTrue();
		assertThat(ResilientSubgraphClient.isQuery(bytes("{\"query\":\"mutation{a}\"}"))).isFalse();
		assertThat(ResilientSubgraphClient.isQuery(bytes("{\"variables\":{},\"query\":\"query{a}\"}"))).isFalse();
		assertThat(ResilientSubgraphClient.isQuery(bytes("{"))).isFalse();
	}

	@Test
	void aQueryIsRetriedAfterAConnectionFailureAMutationIsNot() {
		AtomicInteger calls = new AtomicInteger();
		ResilientSubgraphClient client = new ResilientSubgraphClient((subgraph, body) -> {
			calls.incrementAndGet();
			return Mono.error(new IOException("Connection refused"));
		}, new SubgraphGuards((name) -> POLICY));
		assertThatThrownBy(() -> client.post(STOCK, bytes("{\"query\":\"query{a}\"}")).block())
			.hasMessageContaining("Connection refused");
		assertThat(calls.get()).isEqualTo(3);
		calls.set(0);
		assertThatThrownBy(() -> client.post(STOCK, bytes("{\"query\":\"mutation{a}\"}")).block())
			.hasMessageContaining("Connection refused");
		assertThat(calls.get()).isEqualTo(1);
	}

	@Test
	void aTimeoutIsNotRetriedAndReportedWithItsCode() {
		AtomicInteger calls = new AtomicInteger();
		ResilientSubgraphClient client = new ResilientSubgraphClient((subgraph, body) -> {
			calls.incrementAndGet();
			return Mono.<SubgraphResponse>never();
		}, new SubgraphGuards((name) -> POLICY));
		assertThatThrownBy(() -> client.post(STOCK, bytes("{\"query\":\"query{a}\"}")).block()).isInstanceOfSatisfying(
				SubgraphFailure.class,
				(failure) -> assertThat(failure.code()).isEqualTo(ResilientSubgraphClient.TIMEOUT));
		assertThat(calls.get()).isEqualTo(1);
	}

	@Test
	void a503IsAFailureWithItsStatus() {
		ResilientSubgraphClient client = new ResilientSubgraphClient(
				(subgraph, body) -> Mono.just(new SubgraphResponse(503, new byte[0])),
				new SubgraphGuards((name) -> POLICY));
		assertThatThrownBy(() -> client.post(STOCK, bytes("{\"query\":\"mutation{a}\"}")).block())
			.isInstanceOfSatisfying(SubgraphFailure.class, (failure) -> {
				assertThat(failure.code()).isEqualTo(ResilientSubgraphClient.HTTP_ERROR);
				assertThat(failure.getMessage()).isEqualTo("503: Service Unavailable");
			});
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
