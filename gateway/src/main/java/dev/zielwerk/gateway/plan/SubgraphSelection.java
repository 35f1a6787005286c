package dev.zielwerk.gateway.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.zielwerk.gateway.operation.Field;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.InlineFragment;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import org.jspecify.annotations.Nullable;

/**
 * A selection set being built for one subgraph request: fields by response key (merged
 * when added twice) and inline fragments by type condition.
 */
final class SubgraphSelection {

	private final Map<String, Entry> fields = new LinkedHashMap<>();

	private final Map<String, SubgraphSelection> fragments = new LinkedHashMap<>();

	/**
	 * Response keys the client uses for something other than the plain field of that
	 * name.
	 */
	private final Set<String> clientKeys = new HashSet<>();

	/** For representation fields: the response key each top-level field is read from. */
	private final Map<String, String> readKeys = new HashMap<>();

	/**
	 * Adds a field (or finds the one already there under the same response key).
	 * @return the field's sub-selection, or {@code null} for a leaf
	 */
	@Nullable SubgraphSelection field(String responseKey, String name, List<Argument> arguments, boolean composite) {
		Entry entry = this.fields.computeIfAbsent(responseKey, (key) -> new Entry(key.equals(name) ? null : key, name,
				arguments, composite ? new SubgraphSelection() : null));
		return entry.children;
	}

	void leaf(String name) {
		field(hiddenKey(name), name, List.of(), false);
	}

	/**
	 * Remembers the response keys of the client's fields at this level, so that fields
	 * the plan adds on its own (keys, requirements) never take a key the client uses for
	 * another field.
	 */
	void reserve(Collection<Field> clientFields) {
		for (Field field : clientFields) {
			if (!field.responseKey().equals(field.name()) || !field.arguments().isEmpty()) {
				this.clientKeys.add(field.responseKey());
			}
		}
	}

	/**
	 * The response key for a field the plan adds on its own: its name, or a reserved
	 * alias when the client uses the name as the key of another field.
	 */
	String hiddenKey(String name) {
		return hiddenKey(name, List.of());
	}

	/**
	 * The response key for a field with arguments the plan adds on its own
	 * ({@code @requires(fields: "x(a: 1)")}): always a reserved alias, so it never merges
	 * with a client field of the same name and other arguments.
	 */
	String hiddenKey(String name, List<Argument> arguments) {
		return (this.clientKeys.contains(name) || !arguments.isEmpty()) ? "__zw_" + name : name;
	}

	/**
	 * For a representation selection: reads each top-level field from the key it has in
	 * {@code source}.
	 */
	void readFrom(SubgraphSelection source) {
		this.fields.values()
			.forEach((entry) -> this.readKeys.put(entry.name, source.hiddenKey(entry.name, entry.arguments)));
	}

	SubgraphSelection fragment(String typeCondition) {
		return this.fragments.computeIfAbsent(typeCondition, (type) -> new SubgraphSelection());
	}

	/**
	 * Adds the fields of a field set ({@code @key}, {@code @requires}) under their own
	 * names.
	 */
	void addFieldSet(SelectionSet fieldSet) {
		for (Selection<?> selection : fieldSet.getSelections()) {
			if (selection instanceof graphql.language.Field field) {
				SubgraphSelection children = field(hiddenKey(field.getName(), field.getArguments()), field.getName(),
						field.getArguments(), field.getSelectionSet() != null);
				if (children != null && field.getSelectionSet() != null) {
					children.addFieldSet(field.getSelectionSet());
				}
			}
			else if (selection instanceof InlineFragment fragment && fragment.getTypeCondition() != null) {
				fragment(fragment.getTypeCondition().getName()).addFieldSet(fragment.getSelectionSet());
			}
		}
	}

	void addAll(SubgraphSelection other) {
		other.fields.forEach((key, entry) -> {
			SubgraphSelection children = field(key, entry.name, entry.arguments, entry.children != null);
			if (children != null && entry.children != null) {
				children.addAll(entry.children);
			}
		});
		other.fragments.forEach((type, fragment) -> fragment(type).addAll(fragment));
	}

	boolean isEmpty() {
		return this.fields.isEmpty() && this.fragments.values().stream().allMatch(SubgraphSelection::isEmpty);
	}

	void collectVariables(Set<String> into) {
		this.fields.values().forEach((entry) -> {
			entry.arguments.forEach((argument) -> variables(argument.getValue(), into));
			if (entry.children != null) {
				entry.children.collectVariables(into);
			}
		});
		this.fragments.values().forEach((fragment) -> fragment.collectVariables(into));
	}

	List<RequiredField> toRequiredFields() {
		List<RequiredField> required = new ArrayList<>();
		this.fields.values()
			.forEach((entry) -> required.add(new RequiredField(entry.name,
					this.readKeys.getOrDefault(entry.name, (entry.alias != null) ? entry.alias : entry.name),
					(entry.children != null) ? entry.children.toRequiredFields() : List.of())));
		return required;
	}

	/** Compact form, as sent to subgraphs. */
	void printCompact(StringBuilder out) {
		out.append('{');
		boolean first = true;
		for (Entry entry : this.fields.values()) {
			if (!first) {
				out.append(' ');
			}
			first = false;
			entry.print(out, false);
			if (entry.children != null) {
				entry.children.printCompact(out);
			}
		}
		for (Map.Entry<String, SubgraphSelection> fragment : this.fragments.entrySet()) {
			if (fragment.getValue().isEmpty()) {
				continue;
			}
			if (!first) {
				out.append(' ');
			}
			first = false;
			out.append("...on ").append(fragment.getKey());
			fragment.getValue().printCompact(out);
		}
		out.append('}');
	}

	/** Indented form, for printed plans. */
	void printPretty(StringBuilder out, int depth) {
		out.append("{\n");
		String indent = "  ".repeat(depth + 1);
		for (Entry entry : this.fields.values()) {
			out.append(indent);
			entry.print(out, true);
			if (entry.children != null) {
				out.append(' ');
				entry.children.printPretty(out, depth + 1);
			}
			out.append('\n');
		}
		for (Map.Entry<String, SubgraphSelection> fragment : this.fragments.entrySet()) {
			if (!fragment.getValue().isEmpty()) {
				out.append(indent).append("... on ").append(fragment.getKey()).append(' ');
				fragment.getValue().printPretty(out, depth + 1);
				out.append('\n');
			}
		}
		out.append("  ".repeat(depth)).append('}');
	}

	private static void variables(Value<?> value, Set<String> into) {
		switch (value) {
			case VariableReference reference -> into.add(reference.getName());
			case ArrayValue array -> array.getValues().forEach((v) -> variables(v, into));
			case ObjectValue object ->
				object.getObjectFields().stream().map(ObjectField::getValue).forEach((v) -> variables(v, into));
			default -> {
			}
		}
	}

	static Set<String> variables(SubgraphSelection selection) {
		Set<String> names = new LinkedHashSet<>();
		selection.collectVariables(names);
		return names;
	}

	/** The fields by response key, for passes over the finished selection. */
	Map<String, Entry> fields() {
		return this.fields;
	}

	/** The inline fragments by type condition. */
	Map<String, SubgraphSelection> fragments() {
		return this.fragments;
	}

	static final class Entry {

		private @Nullable String alias;

		private final String name;

		private final List<Argument> arguments;

		private final @Nullable SubgraphSelection children;

		private Entry(@Nullable String alias, String name, List<Argument> arguments,
				@Nullable SubgraphSelection children) {
			this.alias = alias;
			this.name = name;
			this.arguments = arguments;
			this.children = children;
		}

		String name() {
			return this.name;
		}

		@Nullable SubgraphSelection children() {
			return this.children;
		}

		/** Sends the field under another response key. */
		void alias(String alias) {
			this.alias = alias;
		}

		private void print(StringBuilder out, boolean pretty) {
			if (this.alias != null) {
				out.append(this.alias).append(pretty ? ": " : ":");
			}
			out.append(this.name);
			if (!this.arguments.isEmpty()) {
				out.append('(');
				for (int i = 0; i < this.arguments.size(); i++) {
					if (i > 0) {
						out.append(pretty ? ", " : ",");
					}
					out.append(pretty ? AstPrinter.printAst(this.arguments.get(i))
							: AstPrinter.printAstCompact(this.arguments.get(i)));
				}
				out.append(')');
			}
		}

	}

}
