package dev.zielwerk.segment.rule;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code properties.a.b}: a property of an event.
 *
 * @param path the names after {@code properties.}, at least one
 */
public record PropertyRef(List<String> path) implements Node {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	public PropertyRef {
		path = checkedPath(path);
	}

	/**
	 * The path as written after {@code properties.}.
	 * @return the dotted path, such as {@code revenue}
	 */
	public String dotted() {
		return String.join(".", this.path);
	}

	static List<String> checkedPath(List<String> path) {
		if (path.isEmpty()) {
			throw new IllegalArgumentException("a path needs at least one name");
		}
		for (String name : path) {
			if (!NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("'" + name + "' is not a name (letters, digits, _)");
			}
		}
		return List.copyOf(path);
	}

}
