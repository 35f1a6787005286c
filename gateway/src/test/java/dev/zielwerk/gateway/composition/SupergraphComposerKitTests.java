package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.zielwerk.gateway.fixture.KitSupergraphs;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import graphql.schema.idl.SchemaPrinter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Composing the federation kit's subgraphs gives what Apollo's composition gave for them.
 */
class SupergraphComposerKitTests {

	@Test
	void composesTheReviewsCaseAsApolloDoes() {
		assertComposedLikeApollo("reviews", KitComposition.REVIEWS);
	}

	@Test
	void composesTheShopCaseAsApolloDoes() {
		assertComposedLikeApollo("shop", KitComposition.SHOP);
	}

	@Test
	void subgraphOrderDoesNotChangeTheSupergraph() {
		List<SubgraphSource> reversed = new ArrayList<>(KitComposition.sources("shop", KitComposition.SHOP));
		Collections.reverse(reversed);
		assertThat(SupergraphComposer.compose(reversed).supergraphSdlOrThrow()).isEqualTo(
				SupergraphComposer.compose(KitComposition.sources("shop", KitComposition.SHOP)).supergraphSdlOrThrow());
	}

	private static void assertComposedLikeApollo(String kitCase, List<String> subgraphs) {
		CompositionResult result = SupergraphComposer.compose(KitComposition.sources(kitCase, subgraphs));
		assertThat(result.errors()).isEmpty();
		String apollo = KitSupergraphs.sdl(kitCase);
		assertThat(KitComposition.normalForm(result.supergraphSdlOrThrow()))
			.containsExactlyEntriesOf(KitComposition.normalForm(apollo));
		Supergraph composed = SupergraphLoader.parse(result.supergraphSdlOrThrow());
		Supergraph reference = SupergraphLoader.parse(apollo);
		SchemaPrinter printer = new SchemaPrinter();
		assertThat(printer.print(composed.apiSchema())).isEqualTo(printer.print(reference.apiSchema()));
	}

}
