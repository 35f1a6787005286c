package dev.zielwerk.segment.graphql;

import dev.zielwerk.graphql.scalars.Scalars;
import dev.zielwerk.identity.graphql.SubgraphIdentityConfiguration;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.data.federation.FederationSchemaFactory;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Builds the schema as an Apollo Federation v2 subgraph: {@code _service},
 * {@code _entities} and the {@code @EntityMapping} methods of the controllers.
 */
// the gateway's identity header: verified, caller in the GraphQL context, partners
// refused what the schema does not open to them
@Import(SubgraphIdentityConfiguration.class)
@Configuration(proxyBeanMethods = false)
class FederationConfig {

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
		return (wiring) -> wiring.scalar(Scalars.DATE_TIME).scalar(Scalars.JSON);
	}

}
