package dev.zielwerk.gateway.plan;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Prints plans in the indented form Apollo's tools use, so people who know those can read
 * ours.
 */
final class PlanPrinter {

	private PlanPrinter() {
	}

	static String print(@Nullable PlanNode root) {
		StringBuilder out = new StringBuilder("QueryPlan {\n");
		if (root != null) {
			node(out, root, 1);
		}
		return out.append("}").toString();
	}

	private static void node(StringBuilder out, PlanNode node, int depth) {
		switch (node) {
			case PlanNode.Sequence sequence -> group(out, "Sequence", sequence.nodes(), depth);
			case PlanNode.Parallel parallel -> group(out, "Parallel", parallel.nodes(), depth);
			case PlanNode.Flatten flatten -> {
				indent(out, depth).append("Flatten(path: \"")
					.append(String.join(".", flatten.path()))
					.append("\") {\n");
				node(out, flatten.fetch(), depth + 1);
				indent(out, depth).append("},\n");
			}
			case PlanNode.Fetch fetch -> {
				indent(out, depth).append("Fetch(service: \"").append(fetch.subgraph()).append("\") {\n");
				if (fetch.isEntityFetch()) {
					block(out, fetch.requires(), depth + 1);
					out.setLength(out.length() - 1);
					out.append(" =>\n");
				}
				block(out, fetch.selection(), depth + 1);
				indent(out, depth).append("},\n");
			}
		}
	}

	private static void group(StringBuilder out, String name, List<PlanNode> nodes, int depth) {
		indent(out, depth).append(name).append(" {\n");
		nodes.forEach((child) -> node(out, child, depth + 1));
		indent(out, depth).append("},\n");
	}

	private static void block(StringBuilder out, String text, int depth) {
		for (String line : text.split("\n")) {
			indent(out, depth).append(line).append('\n');
		}
	}

	private static StringBuilder indent(StringBuilder out, int depth) {
		return out.append("  ".repeat(depth));
	}

}
