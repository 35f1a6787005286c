package dev.zielwerk.graphql.scalars;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.jspecify.annotations.Nullable;

/**
 * The custom scalars: {@code DateTime} (ISO-8601 instant, always answered in UTC) and
 * {@code JSON} (any JSON value).
 */
public final class Scalars {

	public static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
		.name("DateTime")
		.description("An instant in ISO-8601, e.g. 2026-01-31T12:00:00Z; answers are in UTC.")
		.coercing(new DateTimeCoercing())
		.build();

	public static final GraphQLScalarType JSON = GraphQLScalarType.newScalar()
		.name("JSON")
		.description("Any JSON value.")
		.coercing(new JsonCoercing())
		.build();

	private Scalars() {
	}

	public static Instant parseInstant(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new CoercingParseValueException(
					"Expected an ISO-8601 date-time with offset such as 2026-01-31T12:00:00Z, found \"" + text + "\"");
		}
	}

	private static final class DateTimeCoercing implements Coercing<Instant, String> {

		@Override
		public String serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof Instant instant) {
				return instant.toString();
			}
			if (value instanceof OffsetDateTime time) {
				return time.toInstant().toString();
			}
			throw new CoercingSerializeException("Not a date-time: " + value.getClass().getSimpleName());
		}

		@Override
		public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof String text) {
				return parseInstant(text);
			}
			throw new CoercingParseValueException("Expected a DateTime string");
		}

		@Override
		public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			if (input instanceof StringValue text) {
				try {
					return parseInstant(text.getValue());
				}
				catch (CoercingParseValueException ex) {
					throw new CoercingParseLiteralException(ex.getMessage());
				}
			}
			throw new CoercingParseLiteralException("Expected a DateTime string");
		}

	}

	private static final class JsonCoercing implements Coercing<Object, Object> {

		@Override
		public Object serialize(Object value, GraphQLContext context, Locale locale) {
			return value;
		}

		@Override
		public Object parseValue(Object input, GraphQLContext context, Locale locale) {
			return input;
		}

		@Override
		public @Nullable Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
				Locale locale) {
			return literal(input, variables);
		}

		private static @Nullable Object literal(Value<?> input, CoercedVariables variables) {
			return switch (input) {
				case NullValue ignored -> null;
				case StringValue string -> string.getValue();
				case BooleanValue bool -> bool.isValue();
				case IntValue integer -> integer.getValue();
				case FloatValue decimal -> decimal.getValue();
				case EnumValue enumValue -> enumValue.getName();
				case VariableReference variable -> variables.get(variable.getName());
				case ArrayValue array -> {
					List<@Nullable Object> values = new ArrayList<>();
					array.getValues().forEach((value) -> values.add(literal(value, variables)));
					yield values;
				}
				case ObjectValue object -> {
					Map<String, @Nullable Object> values = new LinkedHashMap<>();
					for (ObjectField field : object.getObjectFields()) {
						values.put(field.getName(), literal(field.getValue(), variables));
					}
					yield values;
				}
				default -> throw new CoercingParseLiteralException("Not a JSON value: " + input);
			};
		}

	}

}
