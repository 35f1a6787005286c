package dev.zielwerk.connectors.sync;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.zielwerk.connectors.credential.CredentialCipher;
import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationClient;
import dev.zielwerk.connectors.destination.DestinationSettings;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import dev.zielwerk.connectors.destination.clients.DestinationClients;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The stored destinations and one open client per destination, shared by every run so
 * each destination's rate limiter, bulkhead and circuit breaker hold across runs (one
 * failing destination trips only its own breaker). Credentials are stored encrypted,
 * bound to the destination id, and decrypted only to open the client.
 */
public final class DestinationRegistry implements DisposableBean {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DatabaseClient database;

	private final CredentialCipher cipher;

	private final Function<DestinationType, ResilienceSettings> resilience;

	private final Map<UUID, DestinationClient> clients = new ConcurrentHashMap<>();

	DestinationRegistry(DatabaseClient database, CredentialCipher cipher,
			Function<DestinationType, ResilienceSettings> resilience) {
		this.database = database;
		this.cipher = cipher;
		this.resilience = resilience;
	}

	/**
	 * Stores a destination.
	 * @param type the kind
	 * @param name a display name
	 * @param purpose the consent purpose its data use falls under
	 * @param settings the non-secret settings (see {@code DestinationSettingsCodec})
	 * @param credentials the secret settings; stored encrypted, never returned
	 * @return the destination id
	 */
	public Mono<UUID> create(DestinationType type, String name, ConsentPurpose purpose, Map<String, ?> settings,
			Map<String, Secret> credentials) {
		return Mono.defer(() -> {
			if (type != DestinationType.HUBSPOT_LIST && type != DestinationType.WEBHOOK
					&& purpose != type.defaultPurpose()) {
				// the consent check of every run relies on the stored purpose being the
				// client's
				return Mono.error(new IllegalArgumentException(type + " destinations serve " + type.defaultPurpose()));
			}
			UUID id = Ids.next();
			Map<String, String> revealed = new HashMap<>();
			credentials.forEach((field, secret) -> revealed.put(field, secret.reveal()));
			// fails fast on missing fields rather than at the first run
			DestinationSettingsCodec.decode(type, purpose, JSON.valueToTree(settings), JSON.valueToTree(revealed));
			String sealed = this.cipher.encrypt(Secret.of(JSON.writeValueAsString(revealed)), id.toString());
			return this.database
				.sql("INSERT INTO destinations (id, type, name, purpose, settings, credentials)"
						+ " VALUES (:id, :type, :name, :purpose, :settings::jsonb, :credentials)")
				.bind("id", id)
				.bind("type", type.name())
				.bind("name", name)
				.bind("purpose", purpose.name())
				.bind("settings", JSON.writeValueAsString(settings))
				.bind("credentials", sealed)
				.fetch()
				.rowsUpdated()
				.thenReturn(id);
		});
	}

	/**
	 * The open client of a destination, opened on first use.
	 * @param id the destination
	 * @return the client
	 */
	Mono<DestinationClient> client(UUID id) {
		DestinationClient open = this.clients.get(id);
		if (open != null) {
			return Mono.just(open);
		}
		return this.database
			.sql("SELECT type, purpose, settings::text AS settings, credentials FROM destinations WHERE id = :id")
			.bind("id", id)
			.map((row) -> settings(id, DestinationType.valueOf(row.get("type", String.class)),
					ConsentPurpose.valueOf(row.get("purpose", String.class)), row.get("settings", String.class),
					row.get("credentials", String.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("destination " + id + " does not exist")))
			// opening builds a connection pool: off the event loop
			.publishOn(Schedulers.boundedElastic())
			.map((settings) -> this.clients.computeIfAbsent(id,
					(key) -> DestinationClients.open(settings, this.resilience.apply(settings.type()))));
	}

	/**
	 * Checks a destination's credentials and audience without changing anything there.
	 * @param id the destination
	 * @return completes when usable; fails saying why not
	 */
	public Mono<Void> verify(UUID id) {
		return client(id).flatMap(DestinationClient::verifyAccess);
	}

	private DestinationSettings settings(UUID id, DestinationType type, ConsentPurpose purpose, String settings,
			String credentials) {
		String revealed = this.cipher.decrypt(credentials, id.toString()).reveal();
		return DestinationSettingsCodec.decode(type, purpose, JSON.readTree(settings), JSON.readTree(revealed));
	}

	@Override
	public void destroy() {
		this.clients.values().forEach(DestinationClient::close);
		this.clients.clear();
	}

}
