package dev.zielwerk.gateway.composition;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.zielwerk.gateway.fixture.KitSupergraphs;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.language.SchemaDefinition;
import graphql.language.TypeDefinition;
import graphql.parser.Parser;

/**
 * The kit's subgraph SDLs as composition input, and the normal form two supergraph SDLs
 * are compared in.
 */
final class KitComposition {

	static final List<String> REVIEWS = List.of("accounts", "inventory", "products", "reviews");

	static final List<String> SHOP = List.of("accounts", "catalog", "logistics", "pricing", "reviews");

	private KitComposition() {
	}

	static List<SubgraphSource> sources(String kitCase, List<String> names) {
		return names.stream()
			.map((name) -> new SubgraphSource(name, "http://127.0.0.1:4300/" + name,
					KitSupergraphs.resource("/kit/" + kitCase + "/" + name + ".graphql")))
			.toList();
	}

	/**
	 * Each definition of a supergraph printed on its own, keyed by its name: equal maps
	 * mean the same types, fields (in the same order), arguments, defaults, descriptions
	 * and the same join and link directives in the same order; only the order of the
	 * definitions and the layout of the text may differ.
	 */
	static Map<String, String> normalForm(String sdl) {
		Document document = Parser.parse(sdl);
		Map<String, String> definitions = new TreeMap<>();
		for (Definition<?> definition : document.getDefinitions()) {
			String key = switch (definition) {
				case SchemaDefinition schema -> "schema";
				case DirectiveDefinition directive -> "@" + directive.getName();
				case TypeDefinition<?> type -> type.getName();
				default -> definition.getClass().getSimpleName();
			};
			definitions.put(key, AstPrinter.printAst(definition));
		}
		return definitions;
	}

}
