package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.zielwerk.gateway.supergraph.SupergraphException;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;

/**
 * Composes subgraph SDLs into a supergraph in Apollo's join spec format, following the
 * Federation 2 composition rules for {@code @key}, {@code @shareable}, {@code @external},
 * {@code @requires}, {@code @provides}, {@code @override}, {@code @inaccessible},
 * {@code @interfaceObject}, and the merging of fields, arguments, unions, enums and input
 * types. What it does not check: Apollo's satisfiability validation (that every field is
 * reachable from every query path).
 */
public final class SupergraphComposer {

	private SupergraphComposer() {
	}

	/**
	 * Composes subgraphs.
	 * @param subgraphs the subgraphs, in any order: as Apollo's composition does, they
	 * are taken in name order, which decides the order of fields and of
	 * {@code join__Graph}
	 * @return the supergraph SDL, or every composition error found
	 */
	public static CompositionResult compose(List<SubgraphSource> subgraphs) {
		List<SubgraphSource> sources = subgraphs.stream().sorted(Comparator.comparing(SubgraphSource::name)).toList();
		List<CompositionError> errors = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (SubgraphSource source : sources) {
			if (!names.add(source.name()) || source.name().isBlank()) {
				errors.add(new CompositionError("INVALID_SUBGRAPH_NAME",
						"Subgraph names must be unique and not empty: \"" + source.name() + "\"", null, null,
						List.of(source.name())));
			}
		}
		if (sources.isEmpty()) {
			errors.add(new CompositionError("NO_QUERIES", "No subgraphs to compose.", null, null, List.of()));
		}
		List<SubgraphModel> models = new ArrayList<>();
		for (SubgraphSource source : sources) {
			SubgraphModel model = SubgraphReader.read(source, errors);
			if (model != null) {
				SubgraphValidator.validate(model, errors);
				models.add(model);
			}
		}
		if (!errors.isEmpty()) {
			return new CompositionResult(null, errors);
		}
		Map<String, MergedType> types = new Merger(models, errors).merge();
		PostChecks.check(types, errors);
		if (!errors.isEmpty()) {
			return new CompositionResult(null, errors);
		}
		String sdl = new SupergraphPrinter(models, types).print();
		try {
			SupergraphLoader.parse(sdl);
		}
		catch (SupergraphException ex) {
			return new CompositionResult(null,
					List.of(new CompositionError("INVALID_GRAPHQL",
							"The composed supergraph is not a valid schema: " + ex.getMessage(), null, null,
							sources.stream().map(SubgraphSource::name).toList())));
		}
		return new CompositionResult(sdl, List.of());
	}

}
