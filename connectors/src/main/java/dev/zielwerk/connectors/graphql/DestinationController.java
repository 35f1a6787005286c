package dev.zielwerk.connectors.graphql;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zielwerk.connectors.cms.CataloguePush;
import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationException;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.error.ConflictException;
import dev.zielwerk.connectors.error.InvalidInputException;
import dev.zielwerk.connectors.error.NotFoundException;
import dev.zielwerk.connectors.sync.DestinationRegistry;
import dev.zielwerk.connectors.sync.SyncReader;
import dev.zielwerk.connectors.sync.SyncReader.DestinationView;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Destinations through GraphQL. Credentials go in and are never answered: the type has no
 * field for them and the reader never selects them.
 */
// like the sync beans it uses, only with a credential key (see SyncConfiguration)
@Controller
@ConditionalOnProperty("zielwerk.connectors.credential-key")
final class DestinationController {

	private final DestinationRegistry registry;

	private final SyncReader reader;

	private final CataloguePush catalogue;

	DestinationController(DestinationRegistry registry, SyncReader reader, CataloguePush catalogue) {
		this.registry = registry;
		this.reader = reader;
		this.catalogue = catalogue;
	}

	@QueryMapping
	Mono<DestinationView> destination(@Argument String id) {
		return Mono.fromCallable(() -> Ids.parse("id", id))
			.flatMap((uuid) -> this.reader.destinations(List.of(uuid)).next());
	}

	@MutationMapping
	Mono<DestinationView> createDestination(@Argument CreateDestinationInput input) {
		ConsentPurpose purpose = (input.purpose() != null) ? input.purpose() : input.type().defaultPurpose();
		return this.registry
			.create(input.type(), input.name(), purpose, settings(input.settings()), secrets(input.credentials()))
			.onErrorMap(IllegalArgumentException.class, (ex) -> new InvalidInputException("input", ex.getMessage()))
			.flatMap((id) -> this.reader.destinations(List.of(id)).next());
	}

	@MutationMapping
	Mono<DestinationView> updateDestination(@Argument UpdateDestinationInput input) {
		return Mono.fromCallable(() -> Ids.parse("input.id", input.id()))
			.flatMap((id) -> this.registry
				.update(id, input.name(), (input.settings() != null) ? settings(input.settings()) : null,
						(input.credentials() != null) ? secrets(input.credentials()) : null)
				.onErrorMap(IllegalArgumentException.class, (ex) -> new InvalidInputException("input", ex.getMessage()))
				.filter(Boolean::booleanValue)
				.switchIfEmpty(Mono.error(() -> new NotFoundException("no destination " + input.id())))
				.then(this.reader.destinations(List.of(id)).next()));
	}

	@MutationMapping
	Mono<Boolean> deleteDestination(@Argument String id) {
		return Mono.fromCallable(() -> Ids.parse("id", id))
			.flatMap(this.registry::delete)
			.onErrorMap(IllegalStateException.class, (ex) -> new ConflictException(ex.getMessage()));
	}

	@MutationMapping
	Mono<DestinationTest> testDestination(@Argument String id) {
		return Mono.fromCallable(() -> Ids.parse("id", id))
			.flatMap((uuid) -> this.reader.destinations(List.of(uuid))
				.next()
				.switchIfEmpty(Mono.error(() -> new NotFoundException("no destination " + id)))
				.flatMap((destination) -> this.registry.verify(uuid)
					.thenReturn(new DestinationTest(true, null))
					.onErrorResume(DestinationException.class,
							(ex) -> Mono.just(new DestinationTest(false, ex.getMessage())))
					.onErrorResume(IllegalArgumentException.class,
							(ex) -> Mono.just(new DestinationTest(false, ex.getMessage())))
					.flatMap((test) -> this.registry.recordTest(uuid, test.ok(), test.message()).thenReturn(test))));
	}

	@MutationMapping
	Mono<CataloguePush.Result> pushSegmentCatalogue(@Argument String destinationId) {
		return Mono.fromCallable(() -> Ids.parse("destinationId", destinationId))
			.flatMap((id) -> this.catalogue.push(id, true))
			.switchIfEmpty(Mono.error(() -> new NotFoundException("no CMS destination " + destinationId)));
	}

	@SchemaMapping(typeName = "Destination")
	List<Setting> settings(DestinationView destination) {
		return destination.settings().entrySet().stream().map((e) -> new Setting(e.getKey(), e.getValue())).toList();
	}

	@SchemaMapping(typeName = "Destination")
	Mono<Health> health(DestinationView destination) {
		CircuitBreaker.State state = this.registry.breakerState(destination.id());
		String breaker = (state == null) ? "IDLE" : switch (state) {
			case OPEN, FORCED_OPEN -> "OPEN";
			case HALF_OPEN -> "HALF_OPEN";
			default -> "CLOSED";
		};
		return this.reader.health(destination.id())
			.map((health) -> new Health(health.lastTestedAt(), health.lastTestOk(), health.lastTestMessage(),
					health.lastError(), health.lastErrorAt(), breaker));
	}

	private static Map<String, String> settings(List<Setting> settings) {
		Map<String, String> map = new LinkedHashMap<>();
		settings.forEach((setting) -> map.put(setting.name(), setting.value()));
		return map;
	}

	private static Map<String, Secret> secrets(List<Setting> credentials) {
		Map<String, Secret> map = new HashMap<>();
		credentials.forEach((setting) -> map.put(setting.name(), Secret.of(setting.value())));
		return map;
	}

	record Setting(String name, String value) {

	}

	record DestinationTest(boolean ok, @Nullable String message) {

	}

	record Health(@Nullable Instant lastTestedAt, @Nullable Boolean lastTestOk, @Nullable String lastTestMessage,
			@Nullable String lastError, @Nullable Instant lastErrorAt, String breaker) {

	}

	record CreateDestinationInput(DestinationType type, String name, @Nullable ConsentPurpose purpose,
			List<Setting> settings, List<Setting> credentials) {

	}

	record UpdateDestinationInput(String id, @Nullable String name, @Nullable List<Setting> settings,
			@Nullable List<Setting> credentials) {

	}

}
