package dev.zielwerk.segment.rule;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a rule depends on, so the engine re-evaluates a segment only for messages that can
 * change it: the events it counts, the traits it reads, the consents and segments it
 * needs, and whether the passing of time alone can change its answer.
 *
 * @param eventNames the exact event names the rule reads
 * @param anyEvent whether it reads {@code event any} (then every event matters)
 * @param traitPaths the trait paths it reads, dotted ({@code geo.country})
 * @param purposes the consent purposes it tests
 * @param segments the segment keys it refers to
 * @param timeDependent whether it has a {@code within} window or a recency test, so that
 * its answer can change with no new message
 */
public record RuleIndex(SortedSet<String> eventNames, boolean anyEvent, SortedSet<String> traitPaths,
		Set<ConsentPurpose> purposes, SortedSet<String> segments, boolean timeDependent) {

	public RuleIndex {
		eventNames = Collections.unmodifiableSortedSet(new TreeSet<>(eventNames));
		traitPaths = Collections.unmodifiableSortedSet(new TreeSet<>(traitPaths));
		purposes = Collections
			.unmodifiableSet(purposes.isEmpty() ? EnumSet.noneOf(ConsentPurpose.class) : EnumSet.copyOf(purposes));
		segments = Collections.unmodifiableSortedSet(new TreeSet<>(segments));
	}

	/**
	 * Indexes a rule.
	 * @param rule the rule's tree
	 * @return its dependencies
	 */
	public static RuleIndex of(Condition rule) {
		return new RuleIndexer().index(rule);
	}

	/**
	 * Whether an event with this name can change the rule's answer.
	 * @param name the event name
	 * @return true when the rule reads that event or any event
	 */
	public boolean readsEvent(String name) {
		return this.anyEvent || this.eventNames.contains(name);
	}

	/**
	 * Whether a change of this trait can change the rule's answer. Paths overlap when one
	 * is a prefix of the other by whole names: a new {@code geo} object changes
	 * {@code geo.country}, and a new {@code geo.country} changes a rule testing
	 * {@code geo exists}.
	 * @param path a dotted trait path
	 * @return true when the paths overlap
	 */
	public boolean readsTrait(String path) {
		for (String read : this.traitPaths) {
			if (read.equals(path) || read.startsWith(path + ".") || path.startsWith(read + ".")) {
				return true;
			}
		}
		return false;
	}

}
