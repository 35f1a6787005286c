package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Lists of subgraphs in messages: {@code subgraph "a"},
 * {@code subgraphs "a", "b" and "c"}.
 */
final class Names {

	private Names() {
	}

	static String subgraphs(Collection<String> names) {
		List<String> quoted = new ArrayList<>();
		names.forEach((n) -> quoted.add("\"" + n + "\""));
		if (quoted.size() == 1) {
			return "subgraph " + quoted.get(0);
		}
		return "subgraphs " + String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and "
				+ quoted.get(quoted.size() - 1);
	}

}
