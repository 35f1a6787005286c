package dev.zielwerk.gateway;

import java.util.List;

import dev.zielwerk.gateway.composition.CompositionError;
import dev.zielwerk.gateway.composition.CompositionException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Subgraphs that do not compose stop the gateway at startup with every composition error.
 */
class CompositionStartupTests {

	@Test
	void failsFastWithThePreciseCompositionErrors() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(GatewayApplication.class).properties(
				"server.port=0", "zielwerk.gateway.subgraphs.profile.url=", "zielwerk.gateway.subgraphs.segment.url=",
				"zielwerk.gateway.subgraphs.connectors.url=", "zielwerk.gateway.subgraphs.a.url=http://127.0.0.1:1/a",
				"zielwerk.gateway.subgraphs.a.sdl=classpath:composition/broken/a.graphql",
				"zielwerk.gateway.subgraphs.b.url=http://127.0.0.1:1/b",
				"zielwerk.gateway.subgraphs.b.sdl=classpath:composition/broken/b.graphql");
		assertThatException().isThrownBy(application::run)
			.havingRootCause()
			.isInstanceOf(CompositionException.class)
			.withMessageContaining("Non-shareable field \"User.name\"")
			.asInstanceOf(InstanceOfAssertFactories.type(CompositionException.class))
			.extracting(CompositionException::errors, InstanceOfAssertFactories.list(CompositionError.class))
			.containsExactly(new CompositionError("INVALID_FIELD_SHARING",
					"Non-shareable field \"User.name\" is resolved from multiple subgraphs: it is resolved from subgraphs \"a\" and \"b\" and defined as non-shareable in all of them",
					"User", "name", List.of("a", "b")));
	}

}
