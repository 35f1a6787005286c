package dev.zielwerk.segment.rule;

import java.util.IdentityHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Source positions of the nodes of one parsed tree, keyed by node identity: equal nodes
 * written at different places keep their own positions while the tree itself compares
 * structurally.
 */
public final class Positions {

	private static final Positions NONE = new Positions(new IdentityHashMap<>());

	private final Map<Node, Position> byNode;

	private Positions(IdentityHashMap<Node, Position> byNode) {
		this.byNode = byNode;
	}

	static Positions of(IdentityHashMap<Node, Position> byNode) {
		return new Positions(new IdentityHashMap<>(byNode));
	}

	/**
	 * Positions of a tree that was not parsed (built in code, read from JSON).
	 * @return an empty table
	 */
	public static Positions none() {
		return NONE;
	}

	/**
	 * Where a node was written.
	 * @param node a node of the parsed tree (the very instance)
	 * @return its position, or {@code null} when the node was not parsed from text
	 */
	public @Nullable Position of(Node node) {
		return this.byNode.get(node);
	}

	/**
	 * Where a node was written, or the start of the rule when unknown.
	 * @param node a node of the parsed tree
	 * @return its position or {@link Position#START}
	 */
	public Position orStart(Node node) {
		Position position = this.byNode.get(node);
		return (position != null) ? position : Position.START;
	}

}
