package dev.zielwerk.gateway.telemetry;

import dev.zielwerk.gateway.execute.SubgraphClientDecorator;
import dev.zielwerk.gateway.execute.SubgraphRequestHeaders;
import dev.zielwerk.gateway.resilience.SubgraphGuards;
import dev.zielwerk.gateway.resilience.SupergraphReloader;
import dev.zielwerk.gateway.router.GraphQlGateway;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

/**
 * Wires telemetry: the trace-context filter, the subgraph {@code traceparent}, the
 * metrics and the breaker, bulkhead and retry metrics of Resilience4j.
 */
@Configuration(proxyBeanMethods = false)
class TelemetryConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	WebFilter traceContextWebFilter() {
		return new TraceContextWebFilter();
	}

	@Bean
	SubgraphRequestHeaders traceparentHeaders() {
		return new TraceparentHeaders();
	}

	@Bean
	GatewayMetrics gatewayMetrics(MeterRegistry registry) {
		return new GatewayMetrics(registry);
	}

	/** Outermost: times what the executor waits for, retries included. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SubgraphClientDecorator timedSubgraphClient(GatewayMetrics metrics) {
		return metrics::timed;
	}

	@Bean
	SmartInitializingSingleton resilienceMeters(MeterRegistry registry, ObjectProvider<SubgraphGuards> guards) {
		return () -> {
			SubgraphGuards resilience = guards.getIfAvailable();
			if (resilience != null) {
				TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(resilience.circuitBreakers()).bindTo(registry);
				TaggedBulkheadMetrics.ofBulkheadRegistry(resilience.bulkheads()).bindTo(registry);
				TaggedRetryMetrics.ofRetryRegistry(resilience.retries()).bindTo(registry);
			}
		};
	}

	/**
	 * Plan cache hits and misses of the pipeline in use. A bean, so the meter's state
	 * object is held strongly (Micrometer keeps only a weak reference). A supergraph
	 * reload starts a new plan cache, so the counters restart at 0 then (a counter reset
	 * to Prometheus).
	 */
	@Bean
	PlanCache planCacheMeters(MeterRegistry registry, ObjectProvider<SupergraphReloader> reloader,
			ObjectProvider<GraphQlGateway> gateway) {
		PlanCache plans = new PlanCache(reloader, gateway);
		FunctionCounter.builder("zielwerk.gateway.plan.cache", plans, PlanCache::hits)
			.tag("result", "hit")
			.description("Plan cache lookups")
			.register(registry);
		FunctionCounter.builder("zielwerk.gateway.plan.cache", plans, PlanCache::misses)
			.tag("result", "miss")
			.description("Plan cache lookups")
			.register(registry);
		return plans;
	}

	record PlanCache(ObjectProvider<SupergraphReloader> reloader, ObjectProvider<GraphQlGateway> gateway) {

		private @Nullable GraphQlGateway current() {
			SupergraphReloader reloading = this.reloader.getIfAvailable();
			return (reloading != null) ? reloading.current() : this.gateway.getIfAvailable();
		}

		double hits() {
			GraphQlGateway current = current();
			return (current != null) ? current.planCacheStats().hitCount() : 0;
		}

		double misses() {
			GraphQlGateway current = current();
			return (current != null) ? current.planCacheStats().missCount() : 0;
		}

	}

}
