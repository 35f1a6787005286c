package dev.zielwerk.gateway.operation;

import java.util.List;
import java.util.Map;

/**
 * The fields selected on a composite type, per possible object type. An object type has
 * one entry; an interface or union has one per implementation, each with the fields that
 * apply to it, in the order the response lists them.
 *
 * @param byType fields per object type name, in schema order
 */
public record SelectionSet(Map<String, List<Field>> byType) {

	public List<Field> fields(String typeName) {
		return this.byType.getOrDefault(typeName, List.of());
	}

}
