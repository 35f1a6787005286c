package dev.zielwerk.gateway.operation;

import java.util.List;

import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A client operation ready for planning.
 *
 * @param kind query or mutation
 * @param name the operation name, if any
 * @param rootType the root type's name
 * @param selectionSet the root selection
 * @param variableDefinitions the variables as the client declared them
 */
public record Operation(OperationDefinition.Operation kind, @Nullable String name, String rootType,
		SelectionSet selectionSet, List<VariableDefinition> variableDefinitions) {

	public List<Field> rootFields() {
		return this.selectionSet.fields(this.rootType);
	}

}
