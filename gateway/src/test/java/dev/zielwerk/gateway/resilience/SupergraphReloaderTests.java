package dev.zielwerk.gateway.resilience;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import dev.zielwerk.gateway.composition.SubgraphSource;
import dev.zielwerk.gateway.composition.SupergraphComposer;
import dev.zielwerk.gateway.execute.PlanExecutor;
import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.router.GraphQlGatewayFactory;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SupergraphReloaderTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final GraphQlGatewayFactory FACTORY = (supergraph) -> new GraphQlGateway(supergraph,
			new PlanExecutor(supergraph, (subgraph, body) -> Mono.never(), JSON), JSON, 10);

	@Test
	void watchModeSwapsOnAFileSystemEventWithoutWaitingForTheInterval(@TempDir Path dir) throws Exception {
		String productsOnly = SupergraphComposer
			.compose(List.of(new SubgraphSource("products", "http://127.0.0.1:1/graphql", TwoSubgraphs.PRODUCTS_SDL)))
			.supergraphSdlOrThrow();
		String both = SupergraphComposer
			.compose(List.of(new SubgraphSource("products", "http://127.0.0.1:1/graphql", TwoSubgraphs.PRODUCTS_SDL),
					new SubgraphSource("stock", "http://127.0.0.1:2/graphql", TwoSubgraphs.STOCK_SDL)))
			.supergraphSdlOrThrow();
		Path file = dir.resolve("supergraph.graphql");
		Files.writeString(file, productsOnly);
		GraphQlGateway initial = FACTORY.create(SupergraphLoader.parse(productsOnly));
		// a one-minute interval: only a file system event can trigger the swap in time
		try (SupergraphReloader reloader = new SupergraphReloader(initial, file, FACTORY,
				new SupergraphReloadProperties(true, SupergraphReloadProperties.Mode.WATCH, Duration.ofMinutes(1)))) {
			reloader.start();
			// replaced again on each poll: the watcher registers on its own thread, and
			// only an event it sees can swap within the bound
			Path aside = dir.resolve("supergraph.tmp");
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
				Files.writeString(aside, both);
				Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				return reloader.current() != initial;
			});
			assertThat(reloader.current()).isNotSameAs(initial);
			// unchanged content is not loaded again
			assertThat(reloader.check()).isFalse();
		}
	}

}
