package dev.zielwerk.segment.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.zielwerk.segment.rule.Literal;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A value at run time: missing, or one of the types the rule language compares. JSON
 * objects are present but compare with nothing.
 */
sealed interface RuntimeValue {

	/** The missing value. */
	RuntimeValue MISSING = new Missing();

	/** A JSON object: present, comparable with nothing. */
	RuntimeValue OBJECT = new Other();

	default boolean isPresent() {
		return !(this instanceof Missing);
	}

	static RuntimeValue of(Literal literal) {
		return switch (literal) {
			case Literal.Text text -> new Str(text.value());
			case Literal.Numeric number -> new Num(Rational.of(number.value()));
			case Literal.Timestamp timestamp -> new Date(timestamp.value());
			case Literal.Bool bool -> new Bool(bool.value());
		};
	}

	/**
	 * A trait or property value; JSON {@code null} and absence are both missing.
	 * @param node the JSON value or {@code null}
	 * @return the value
	 */
	static RuntimeValue ofJson(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return MISSING;
		}
		if (node.isNumber()) {
			return new Num(Rational.of(node.decimalValue()));
		}
		if (node.isString()) {
			return new Str(node.stringValue());
		}
		if (node.isBoolean()) {
			return new Bool(node.booleanValue());
		}
		if (node.isArray()) {
			List<RuntimeValue> elements = new ArrayList<>();
			node.values().forEach((element) -> elements.add(ofJson(element)));
			return new Listed(elements);
		}
		return OBJECT;
	}

	/** Absent, null, an empty {@code avg}, a division by zero. */
	record Missing() implements RuntimeValue {
	}

	/**
	 * A number.
	 *
	 * @param value the exact value
	 */
	record Num(Rational value) implements RuntimeValue {
	}

	/**
	 * A string.
	 *
	 * @param value the text
	 */
	record Str(String value) implements RuntimeValue {
	}

	/**
	 * A DATE literal.
	 *
	 * @param value the instant
	 */
	record Date(Instant value) implements RuntimeValue {
	}

	/**
	 * A boolean.
	 *
	 * @param value the value
	 */
	record Bool(boolean value) implements RuntimeValue {
	}

	/**
	 * A JSON array.
	 *
	 * @param elements its elements
	 */
	record Listed(List<RuntimeValue> elements) implements RuntimeValue {
	}

	/** A JSON object. */
	record Other() implements RuntimeValue {
	}

}
