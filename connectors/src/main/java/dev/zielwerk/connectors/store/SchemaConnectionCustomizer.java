package dev.zielwerk.connectors.store;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;

import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every R2DBC connection works in schema {@code connector}, whatever URL it was given, so
 * the service never reads another service's tables by accident.
 */
@Configuration(proxyBeanMethods = false)
class SchemaConnectionCustomizer {

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer connectorSchema() {
		return (builder) -> builder.option(PostgresqlConnectionFactoryProvider.SCHEMA, "connector");
	}

}
