package dev.zielwerk.segment.rule;

import java.util.List;

/**
 * A condition on an event property after {@code where}; same comparison rules as
 * predicates.
 */
public sealed interface PropertyFilter extends Node {

	/**
	 * The filtered property.
	 * @return the property
	 */
	PropertyRef property();

	/**
	 * {@code properties.x op literal}.
	 *
	 * @param property the property
	 * @param operator the comparison
	 * @param literal the compared literal
	 */
	record Compare(PropertyRef property, ComparisonOperator operator, Literal literal) implements PropertyFilter {
	}

	/**
	 * {@code properties.x in [...]}.
	 *
	 * @param property the property
	 * @param list the literals
	 */
	record In(PropertyRef property, List<Literal> list) implements PropertyFilter {
		public In {
			list = List.copyOf(list);
		}
	}

	/**
	 * {@code properties.x not in [...]}: false when the property is missing.
	 *
	 * @param property the property
	 * @param list the literals
	 */
	record NotIn(PropertyRef property, List<Literal> list) implements PropertyFilter {
		public NotIn {
			list = List.copyOf(list);
		}
	}

	/**
	 * {@code properties.x exists}.
	 *
	 * @param property the property
	 */
	record Exists(PropertyRef property) implements PropertyFilter {
	}

}
