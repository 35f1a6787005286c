package dev.zielwerk.gateway.router;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the gateway has a supergraph to run: {@code zielwerk.gateway.supergraph}
 * names one, or {@code zielwerk.gateway.subgraphs} lists subgraphs (with a URL) to
 * compose.
 */
final class SupergraphConfigured extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (StringUtils.hasText(context.getEnvironment().getProperty("zielwerk.gateway.supergraph"))) {
			return ConditionOutcome.match("zielwerk.gateway.supergraph is set");
		}
		Map<String, GatewayProperties.SubgraphProperties> subgraphs = Binder.get(context.getEnvironment())
			.bind("zielwerk.gateway.subgraphs",
					Bindable.mapOf(String.class, GatewayProperties.SubgraphProperties.class))
			.orElse(Map.of());
		boolean any = subgraphs.values().stream().anyMatch((s) -> StringUtils.hasText(s.url()));
		return any ? ConditionOutcome.match("zielwerk.gateway.subgraphs lists subgraphs to compose")
				: ConditionOutcome.noMatch("neither zielwerk.gateway.supergraph nor zielwerk.gateway.subgraphs is set");
	}

}
