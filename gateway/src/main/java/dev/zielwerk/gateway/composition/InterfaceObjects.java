package dev.zielwerk.gateway.composition;

import java.util.List;
import java.util.Map;

/**
 * Applies {@code @interfaceObject}: the fields a subgraph adds to an entity interface it
 * sees as an object type belong to every implementation of the interface, and such a
 * subgraph needs another subgraph that declares the interface with a {@code @key}.
 */
final class InterfaceObjects {

	private InterfaceObjects() {
	}

	static void apply(Map<String, MergedType> types, List<CompositionError> errors) {
		for (MergedType type : types.values()) {
			List<String> objectGraphs = type.sources.entrySet()
				.stream()
				.filter((e) -> e.getValue().interfaceObject)
				.map(Map.Entry::getKey)
				.toList();
			if (objectGraphs.isEmpty()) {
				continue;
			}
			if (type.kind != Kind.INTERFACE) {
				errors.add(new CompositionError("INTERFACE_OBJECT_USAGE_ERROR", "Type \"" + type.name
						+ "\" is declared with @interfaceObject in all the subgraphs in which is is defined (it is defined in "
						+ Names.subgraphs(type.sources.keySet()) + ")", type.name, null, objectGraphs));
				continue;
			}
			boolean entityInterface = type.sources.values()
				.stream()
				.anyMatch((s) -> s.kind == Kind.INTERFACE && !s.keys.isEmpty());
			if (!entityInterface) {
				errors.add(new CompositionError("INTERFACE_OBJECT_USAGE_ERROR",
						"Type \"" + type.name + "\" is declared with @interfaceObject in "
								+ Names.subgraphs(objectGraphs) + " but no subgraph declares interface \"" + type.name
								+ "\" with a @key",
						type.name, null, objectGraphs));
				continue;
			}
			for (MergedType implementation : types.values()) {
				if (implementation.kind != Kind.OBJECT || !implementation.interfaces.containsKey(type.name)) {
					continue;
				}
				for (MergedField field : type.fields.values()) {
					boolean fromObject = field.sources.keySet().stream().anyMatch(objectGraphs::contains);
					if (fromObject && !implementation.fields.containsKey(field.name)) {
						MergedField added = new MergedField(field.name);
						added.type = field.type;
						added.description = field.description;
						added.arguments.addAll(field.arguments);
						added.carried.addAll(field.carried);
						added.tags.addAll(field.tags);
						added.inaccessible = field.inaccessible;
						added.authenticated = field.authenticated;
						added.requiresScopes = field.requiresScopes;
						added.viaInterfaceObject = true;
						implementation.fields.put(field.name, added);
					}
				}
			}
		}
	}

}
