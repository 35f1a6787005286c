package dev.zielwerk.gateway.limits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.FieldDefinition;
import graphql.language.FloatValue;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.IntValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.language.Value;
import org.jspecify.annotations.Nullable;

/**
 * The {@code @cost} and {@code @listSize} directives of a supergraph (IBM cost spec, as
 * Apollo's demand control reads them), by type and field. The names follow the
 * supergraph's {@code @link} imports, so a renamed import is found too.
 */
final class CostModel {

	/**
	 * {@code @listSize} of a field.
	 *
	 * @param assumedSize the size to assume, if given
	 * @param slicingArguments arguments whose value is the size
	 * @param sizedFields fields of the returned type the size applies to (connections)
	 */
	record ListSize(@Nullable Integer assumedSize, List<String> slicingArguments, List<String> sizedFields) {
	}

	static final CostModel NONE = new CostModel(Map.of(), Map.of(), Map.of());

	private final Map<String, Long> weights;

	private final Map<String, Long> argumentWeights;

	private final Map<String, ListSize> listSizes;

	private CostModel(Map<String, Long> weights, Map<String, Long> argumentWeights, Map<String, ListSize> listSizes) {
		this.weights = weights;
		this.argumentWeights = argumentWeights;
		this.listSizes = listSizes;
	}

	static CostModel of(Document sdl) {
		Set<String> cost = new HashSet<>(Set.of("cost", "federation__cost"));
		Set<String> listSize = new HashSet<>(Set.of("listSize", "federation__listSize"));
		imports(sdl, cost, listSize);
		Map<String, Long> weights = new HashMap<>();
		Map<String, Long> argumentWeights = new HashMap<>();
		Map<String, ListSize> listSizes = new HashMap<>();
		for (TypeDefinition<?> type : sdl.getDefinitionsOfType(TypeDefinition.class)) {
			weight(type.getDirectives(), cost).ifPresent((w) -> weights.put(type.getName(), w));
			if (!(type instanceof ImplementingTypeDefinition<?> fields)) {
				continue;
			}
			for (FieldDefinition field : fields.getFieldDefinitions()) {
				String key = type.getName() + '.' + field.getName();
				weight(field.getDirectives(), cost).ifPresent((w) -> weights.put(key, w));
				for (InputValueDefinition argument : field.getInputValueDefinitions()) {
					weight(argument.getDirectives(), cost)
						.ifPresent((w) -> argumentWeights.put(key + '(' + argument.getName() + ')', w));
				}
				for (Directive directive : field.getDirectives()) {
					if (listSize.contains(directive.getName())) {
						listSizes.put(key, listSize(directive));
					}
				}
			}
		}
		return new CostModel(Map.copyOf(weights), Map.copyOf(argumentWeights), Map.copyOf(listSizes));
	}

	@Nullable Long typeWeight(String type) {
		return this.weights.get(type);
	}

	@Nullable Long fieldWeight(String type, String field) {
		return this.weights.get(type + '.' + field);
	}

	long argumentWeight(String type, String field, String argument) {
		return this.argumentWeights.getOrDefault(type + '.' + field + '(' + argument + ')', 0L);
	}

	@Nullable ListSize listSize(String type, String field) {
		return this.listSizes.get(type + '.' + field);
	}

	/**
	 * Adds the local names under which the cost spec's directives are imported
	 * ({@code import: [{name: "@cost", as: "@weight"}]}).
	 */
	private static void imports(Document sdl, Set<String> cost, Set<String> listSize) {
		for (SchemaDefinition schema : sdl.getDefinitionsOfType(SchemaDefinition.class)) {
			for (Directive link : schema.getDirectives("link")) {
				if (!(link.getArgument("import") != null
						&& link.getArgument("import").getValue() instanceof ArrayValue imports)) {
					continue;
				}
				for (Object entry : imports.getValues()) {
					if (entry instanceof ObjectValue object) {
						String name = null;
						String as = null;
						for (ObjectField field : object.getObjectFields()) {
							if (field.getValue() instanceof StringValue string) {
								if (field.getName().equals("name")) {
									name = string.getValue();
								}
								else if (field.getName().equals("as")) {
									as = string.getValue();
								}
							}
						}
						if ("@cost".equals(name) && as != null) {
							cost.add(as.substring(1));
						}
						if ("@listSize".equals(name) && as != null) {
							listSize.add(as.substring(1));
						}
					}
				}
			}
		}
	}

	private static Optional<Long> weight(List<Directive> directives, Set<String> names) {
		for (Directive directive : directives) {
			if (names.contains(directive.getName()) && directive.getArgument("weight") != null) {
				Long weight = number(directive.getArgument("weight").getValue());
				if (weight != null) {
					return Optional.of(Math.max(0, weight));
				}
			}
		}
		return Optional.empty();
	}

	private static ListSize listSize(Directive directive) {
		Long assumed = (directive.getArgument("assumedSize") != null)
				? number(directive.getArgument("assumedSize").getValue()) : null;
		return new ListSize((assumed != null) ? (int) Math.min(Integer.MAX_VALUE, Math.max(0, assumed)) : null,
				strings(directive, "slicingArguments"), strings(directive, "sizedFields"));
	}

	private static List<String> strings(Directive directive, String argument) {
		List<String> values = new ArrayList<>();
		if (directive.getArgument(argument) != null) {
			Value<?> value = directive.getArgument(argument).getValue();
			List<?> items = (value instanceof ArrayValue array) ? array.getValues() : List.of(value);
			for (Object item : items) {
				if (item instanceof StringValue string) {
					values.add(string.getValue());
				}
			}
		}
		return List.copyOf(values);
	}

	/** The IBM spec writes weights as strings ("2.5"), Apollo's as Int. */
	private static @Nullable Long number(Value<?> value) {
		try {
			return switch (value) {
				case IntValue i -> i.getValue().longValue();
				case FloatValue f -> (long) Math.ceil(f.getValue().doubleValue());
				case StringValue s -> (long) Math.ceil(Double.parseDouble(s.getValue()));
				default -> null;
			};
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
