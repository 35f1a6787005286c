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
	void composesRenamesExtensionsEnumsInputsAndOverriddenKeysAsApolloDoes() {
		List<SubgraphSource> sources = List.of(fixture("features", "a"), fixture("features", "b"));
		CompositionResult result = SupergraphComposer.compose(sources);
		assertThat(result.errors()).isEmpty();
		assertThat(KitComposition.normalForm(result.supergraphSdlOrThrow())).containsExactlyEntriesOf(
				KitComposition.normalForm(KitSupergraphs.resource("/composition/features/supergraph.graphql")));
	}

	@Test
	void composesRenamedRootsSubscriptionsAbstractTypesAndFederation1SubgraphsAsApolloDoes() {
		List<SubgraphSource> sources = List.of(fixture("mixed", "a"), fixture("mixed", "b"), fixture("mixed", "c"));
		CompositionResult result = SupergraphComposer.compose(sources);
		assertThat(result.errors()).isEmpty();
		assertThat(KitComposition.normalForm(result.supergraphSdlOrThrow())).containsExactlyEntriesOf(
				KitComposition.normalForm(KitSupergraphs.resource("/composition/mixed/supergraph.graphql")));
	}

	@Test
	void composesEntityInterfacesWithInterfaceObjectsAndEnumsInBothPositionsAsApolloDoes() {
		List<SubgraphSource> sources = List.of(fixture("interfaces", "a"), fixture("interfaces", "b"));
		CompositionResult result = SupergraphComposer.compose(sources);
		assertThat(result.errors()).isEmpty();
		assertThat(KitComposition.normalForm(result.supergraphSdlOrThrow())).containsExactlyEntriesOf(
				KitComposition.normalForm(KitSupergraphs.resource("/composition/interfaces/supergraph.graphql")));
	}

	@Test
	void composesTagsDefaultsAndOverridesFromUnknownSubgraphsAsApolloDoes() {
		List<SubgraphSource> sources = List.of(fixture("tags", "a"), fixture("tags", "b"));
		CompositionResult result = SupergraphComposer.compose(sources);
		assertThat(result.errors()).isEmpty();
		assertThat(KitComposition.normalForm(result.supergraphSdlOrThrow())).containsExactlyEntriesOf(
				KitComposition.normalForm(KitSupergraphs.resource("/composition/tags/supergraph.graphql")));
	}

	@Test
	void composesZielwerksProfileSubgraphToApollosApiSchema() {
		String sdl = KitSupergraphs.resource("/graphql/profile/profile.graphqls");
		CompositionResult result = SupergraphComposer
			.compose(List.of(new SubgraphSource("profile", "http://127.0.0.1:4300/profile", sdl)));
		assertThat(result.errors()).isEmpty();
		SchemaPrinter printer = new SchemaPrinter();
		assertThat(printer.print(SupergraphLoader.parse(result.supergraphSdlOrThrow()).apiSchema())).isEqualTo(
				printer.print(SupergraphLoader.parse(KitSupergraphs.resource("/composition/profile/supergraph.graphql"))
					.apiSchema()));
	}

	@Test
	void subgraphOrderDoesNotChangeTheSupergraph() {
		List<SubgraphSource> reversed = new ArrayList<>(KitComposition.sources("shop", KitComposition.SHOP));
		Collections.reverse(reversed);
		assertThat(SupergraphComposer.compose(reversed).supergraphSdlOrThrow()).isEqualTo(
				SupergraphComposer.compose(KitComposition.sources("shop", KitComposition.SHOP)).supergraphSdlOrThrow());
	}

	private static SubgraphSource fixture(String folder, String name) {
		return new SubgraphSource(name, "http://127.0.0.1:4300/" + name,
				KitSupergraphs.resource("/composition/" + folder + "/" + name + ".graphql"));
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
