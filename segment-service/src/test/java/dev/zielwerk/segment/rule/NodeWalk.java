package dev.zielwerk.segment.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every node of a tree that the parser places (all but the implicit all-time window). */
final class NodeWalk {

	private NodeWalk() {
	}

	static Stream<Node> nodes(Node root) {
		List<Node> nodes = new ArrayList<>();
		walk(root, nodes);
		return nodes.stream();
	}

	private static void walk(Node node, List<Node> into) {
		if (node instanceof Window.AllTime) {
			return;
		}
		into.add(node);
		switch (node) {
			case Condition.Or or -> or.operands().forEach((child) -> walk(child, into));
			case Condition.And and -> and.operands().forEach((child) -> walk(child, into));
			case Condition.Not not -> walk(not.operand(), into);
			case Condition.Recency recency -> walk(recency.event(), into);
			case Condition.Comparison comparison -> {
				walk(comparison.left(), into);
				walk(comparison.right(), into);
			}
			case Condition.In in -> {
				walk(in.value(), into);
				in.list().forEach((child) -> walk(child, into));
			}
			case Condition.NotIn in -> {
				walk(in.value(), into);
				in.list().forEach((child) -> walk(child, into));
			}
			case Condition.Contains contains -> {
				walk(contains.value(), into);
				walk(contains.element(), into);
			}
			case Condition.NotContains contains -> {
				walk(contains.value(), into);
				walk(contains.element(), into);
			}
			case Condition.StartsWith startsWith -> {
				walk(startsWith.value(), into);
				walk(startsWith.prefix(), into);
			}
			case Condition.Between between -> {
				walk(between.value(), into);
				walk(between.low(), into);
				walk(between.high(), into);
			}
			case Condition.Exists exists -> walk(exists.value(), into);
			case Condition.NotExists exists -> walk(exists.value(), into);
			case Value.Aggregate aggregate -> {
				if (aggregate.property() != null) {
					walk(aggregate.property(), into);
				}
				walk(aggregate.event(), into);
				walk(aggregate.window(), into);
			}
			case Value.Arithmetic arithmetic -> {
				walk(arithmetic.left(), into);
				walk(arithmetic.right(), into);
			}
			case EventSelector event -> event.filters().forEach((child) -> walk(child, into));
			case PropertyFilter.Compare compare -> walk(compare.literal(), into);
			case PropertyFilter.In in -> in.list().forEach((child) -> walk(child, into));
			case PropertyFilter.NotIn in -> in.list().forEach((child) -> walk(child, into));
			default -> {
				// leaves
			}
		}
	}

}
