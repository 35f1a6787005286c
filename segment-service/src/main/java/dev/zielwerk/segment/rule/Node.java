package dev.zielwerk.segment.rule;

/**
 * Any node of a rule's syntax tree. Nodes are immutable records whose equality is
 * structural and ignores where they were written: source positions live beside the tree
 * in {@link Positions}, so {@code parse(print(ast))} equals {@code ast}.
 */
public sealed interface Node permits Condition, Value, EventSelector, PropertyFilter, PropertyRef, Window {

}
