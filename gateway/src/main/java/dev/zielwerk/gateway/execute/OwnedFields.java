package dev.zielwerk.gateway.execute;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;

/**
 * The response keys a fetch fills in: the root fields of a root fetch, the fields
 * selected on the entities of an entity fetch (reserved {@code __} keys left out). When a
 * fetch fails, its errors go to these fields' paths. Read from the fetch's own operation
 * text and cached per text.
 */
final class OwnedFields {

	private final Cache<String, List<String>> cache = Caffeine.newBuilder().maximumSize(1000).build();

	List<String> of(String operation) {
		return this.cache.get(operation, OwnedFields::read);
	}

	private static List<String> read(String operation) {
		Document document = Parser.parse(operation);
		OperationDefinition definition = document.getFirstDefinitionOfType(OperationDefinition.class).orElseThrow();
		Set<String> keys = new LinkedHashSet<>();
		for (Selection<?> selection : definition.getSelectionSet().getSelections()) {
			if (selection instanceof Field field && field.getName().equals("_entities")) {
				collect(field.getSelectionSet(), keys);
			}
			else if (selection instanceof Field field) {
				keys.add(key(field));
			}
		}
		keys.removeIf((key) -> key.startsWith("__"));
		return List.copyOf(new ArrayList<>(keys));
	}

	private static void collect(SelectionSet selectionSet, Set<String> keys) {
		if (selectionSet == null) {
			return;
		}
		for (Selection<?> selection : selectionSet.getSelections()) {
			if (selection instanceof Field field) {
				keys.add(key(field));
			}
			else if (selection instanceof InlineFragment fragment) {
				collect(fragment.getSelectionSet(), keys);
			}
		}
	}

	private static String key(Field field) {
		return (field.getAlias() != null) ? field.getAlias() : field.getName();
	}

}
