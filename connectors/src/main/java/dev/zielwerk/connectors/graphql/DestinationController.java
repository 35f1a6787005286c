package dev.zielwerk.connectors.graphql;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationException;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.error.InvalidInputException;
import dev.zielwerk.connectors.error.NotFoundException;
import dev.zielwerk.connectors.sync.DestinationRegistry;
import dev.zielwerk.connectors.sync.SyncReader;
import dev.zielwerk.connectors.sync.SyncReader.DestinationView;
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

	DestinationController(DestinationRegistry registry, SyncReader reader) {
		this.registry = registry;
		this.reader = reader;
	}

	@QueryMapping
	Mono<DestinationView> destination(@Argument String id) {
		return Mono.fromCallable(() -> Ids.parse("id", id))
			.flatMap((uuid) -> this.reader.destinations(List.of(uuid)).next());
	}

	@MutationMapping
	Mono<DestinationView> createDestination(@Argument CreateDestinationInput input) {
		ConsentPurpose purpose = (input.purpose() != null) ? input.purpose() : input.type().defaultPurpose();
		Map<String, Secret> credentials = new HashMap<>();
		input.credentials().forEach((setting) -> credentials.put(setting.name(), Secret.of(setting.value())));
		return this.registry.create(input.type(), input.name(), purpose, settings(input.settings()), credentials)
			.onErrorMap(IllegalArgumentException.class, (ex) -> new InvalidInputException("input", ex.getMessage()))
			.flatMap((id) -> this.reader.destinations(List.of(id)).next());
	}

	@MutationMapping
	Mono<DestinationTest> testDestination(@Argument String id) {
		return Mono.fromCallable(() -> Ids.parse("id", id))
			.flatMap((uuid) -> this.reader.destinations(List.of(uuid))
				.next()
				.switchIfEmpty(Mono.error(() -> new NotFoundException("no destination " + id)))
				.flatMap((destination) -> this.registry.verify(uuid)))
			.thenReturn(new DestinationTest(true, null))
			.onErrorResume(DestinationException.class, (ex) -> Mono.just(new DestinationTest(false, ex.getMessage())));
	}

	@SchemaMapping(typeName = "Destination")
	List<Setting> settings(DestinationView destination) {
		return destination.settings().entrySet().stream().map((e) -> new Setting(e.getKey(), e.getValue())).toList();
	}

	private static Map<String, String> settings(List<Setting> settings) {
		Map<String, String> map = new LinkedHashMap<>();
		settings.forEach((setting) -> map.put(setting.name(), setting.value()));
		return map;
	}

	record Setting(String name, String value) {

	}

	record DestinationTest(boolean ok, @Nullable String message) {

	}

	record CreateDestinationInput(DestinationType type, String name, @Nullable ConsentPurpose purpose,
			List<Setting> settings, List<Setting> credentials) {

	}

}
