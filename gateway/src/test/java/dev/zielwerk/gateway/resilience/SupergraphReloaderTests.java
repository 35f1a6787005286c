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
			Thread.sleep(200);
			Path aside = dir.resolve("supergraph.tmp");
			Files.writeString(aside, both);
			Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (reloader.current() == initial && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(reloader.current()).isNotSameAs(initial);
			// unchanged content is not loaded again
			assertThat(reloader.check()).isFalse();
		}
	}

}
