package dev.zielwerk.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the gateway reveals about its schema ({@code zielwerk.gateway.introspection},
 * {@code zielwerk.gateway.graphiql}); switch both off in production.
 *
 * @param introspection whether {@code __schema} and {@code __type} are answered; when
 * off, "Did you mean" suggestions are masked too
 * @param graphiql whether GraphiQL is served at {@code /graphiql}
 */
@ConfigurationProperties("zielwerk.gateway")
public record ExposureProperties(@DefaultValue("true") boolean introspection, @DefaultValue("true") boolean graphiql) {

}
