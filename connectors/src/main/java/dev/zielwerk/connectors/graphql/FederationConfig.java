package dev.zielwerk.connectors.graphql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

import dev.zielwerk.identity.graphql.SubgraphIdentityConfiguration;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.data.federation.FederationSchemaFactory;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Builds the schema as an Apollo Federation v2 subgraph ({@code _service},
 * {@code _entities} and the {@code @EntityMapping} methods) with the {@code DateTime}
 * scalar.
 */
// the gateway's identity header: verified, caller in the GraphQL context, partners
// refused what the schema does not open to them
@Import(SubgraphIdentityConfiguration.class)
@Configuration(proxyBeanMethods = false)
class FederationConfig {

	static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
		.name("DateTime")
		.description("An instant in ISO-8601, e.g. 2026-01-31T12:00:00Z; answers are in UTC.")
		.coercing(new Coercing<Instant, String>() {

			@Override
			public String serialize(Object value, GraphQLContext context, Locale locale) {
				if (value instanceof Instant instant) {
					return instant.toString();
				}
				throw new CoercingSerializeException("not an instant: " + value.getClass().getSimpleName());
			}

			@Override
			public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
				return parse(String.valueOf(input), CoercingParseValueException::new);
			}

			@Override
			public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) {
				if (input instanceof StringValue string) {
					return parse(string.getValue(), CoercingParseLiteralException::new);
				}
				throw new CoercingParseLiteralException("DateTime must be a string");
			}

		})
		.build();

	private static Instant parse(@Nullable String text, Function<String, RuntimeException> error) {
		try {
			return OffsetDateTime.parse(String.valueOf(text)).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw error.apply("not an ISO-8601 date-time: " + text);
		}
	}

	@Bean
	FederationSchemaFactory federationSchemaFactory() {
		return new FederationSchemaFactory();
	}

	@Bean
	GraphQlSourceBuilderCustomizer federationSchema(FederationSchemaFactory factory) {
		return (builder) -> builder.schemaFactory(factory::createGraphQLSchema);
	}

	@Bean
	RuntimeWiringConfigurer scalars() {
		return (wiring) -> wiring.scalar(DATE_TIME);
	}

}
