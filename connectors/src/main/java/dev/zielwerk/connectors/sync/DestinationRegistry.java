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
import dev.zielwerk.connectors.destination.DestinationUrls;
import dev.zielwerk.connectors.destination.Identifiers;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import dev.zielwerk.connectors.destination.clients.DestinationClients;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The stored destinations and one open client per destination, shared by every run so
 * each destination's rate limiter, bulkhead and circuit breaker hold across runs (one
 * failing destination trips only its own breaker). Credentials are stored encrypted,
 * bound to the destination id, and decrypted only to open the client. Every URL setting
 * passes the SSRF guard ({@link DestinationUrls}) when stored and when a client opens.
 */
public final class DestinationRegistry implements DisposableBean {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
	};

	private final DatabaseClient database;

	private final CredentialCipher cipher;

	private final Function<DestinationType, ResilienceSettings> resilience;

	private final DestinationUrls urls;

	private final Map<UUID, DestinationClient> clients = new ConcurrentHashMap<>();

	DestinationRegistry(DatabaseClient database, CredentialCipher cipher,
			Function<DestinationType, ResilienceSettings> resilience, DestinationUrls urls) {
		this.database = database;
		this.cipher = cipher;
		this.resilience = resilience;
		this.urls = urls;
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
		Mono<UUID> insert = Mono.defer(() -> {
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
			var spec = this.database
				.sql("INSERT INTO destinations (id, type, name, purpose, settings, credentials, decide_key_hash)"
						+ " VALUES (:id, :type, :name, :purpose, :settings::jsonb, :credentials, :decide)")
				.bind("id", id)
				.bind("type", type.name())
				.bind("name", name)
				.bind("purpose", purpose.name())
				.bind("settings", JSON.writeValueAsString(settings))
				.bind("credentials", sealed);
			String decideHash = decideKeyHash(revealed);
			spec = (decideHash != null) ? spec.bind("decide", decideHash) : spec.bindNull("decide", String.class);
			return spec.fetch().rowsUpdated().thenReturn(id);
		});
		return guarded(settings, insert);
	}

	/**
	 * Changes a destination. Its type and purpose stay (runs and consent checks rely on
	 * them). Settings, when given, replace the stored ones; credentials, when given, are
	 * merged into the stored ones by name, so one secret can be rotated alone. The open
	 * client is closed, so the next call uses the new configuration.
	 * @param id the destination
	 * @param name the new name, or {@code null} to keep it
	 * @param settings the new non-secret settings, or {@code null} to keep them
	 * @param credentials secrets to set, or {@code null} to keep them all
	 * @return whether the destination exists
	 */
	public Mono<Boolean> update(UUID id, @Nullable String name, @Nullable Map<String, ?> settings,
			@Nullable Map<String, Secret> credentials) {
		Mono<Boolean> work = this.database
			.sql("SELECT type, purpose, name, settings::text AS settings, credentials FROM destinations WHERE id = :id")
			.bind("id", id)
			.map((row) -> new StoredRow(DestinationType.valueOf(row.get("type", String.class)),
					ConsentPurpose.valueOf(row.get("purpose", String.class)), row.get("name", String.class),
					row.get("settings", String.class), row.get("credentials", String.class)))
			.one()
			.flatMap((row) -> {
				Map<String, String> revealed = new HashMap<>(
						JSON.readValue(this.cipher.decrypt(row.credentials(), id.toString()).reveal(), STRINGS));
				if (credentials != null) {
					credentials.forEach((field, secret) -> revealed.put(field, secret.reveal()));
				}
				Map<String, ?> newSettings = (settings != null) ? settings : JSON.readValue(row.settings(), STRINGS);
				DestinationSettingsCodec.decode(row.type(), row.purpose(), JSON.valueToTree(newSettings),
						JSON.valueToTree(revealed));
				String sealed = this.cipher.encrypt(Secret.of(JSON.writeValueAsString(revealed)), id.toString());
				String decideHash = decideKeyHash(revealed);
				var spec = this.database.sql("UPDATE destinations SET name = :name, settings = :settings::jsonb,"
						+ " credentials = :credentials, decide_key_hash = :decide, updated_at = now() WHERE id = :id")
					.bind("id", id)
					.bind("name", (name != null) ? name : row.name())
					.bind("settings", JSON.writeValueAsString(newSettings))
					.bind("credentials", sealed);
				spec = (decideHash != null) ? spec.bind("decide", decideHash) : spec.bindNull("decide", String.class);
				return spec.fetch().rowsUpdated().map((count) -> count == 1);
			})
			.doOnNext((updated) -> closeClient(id))
			.defaultIfEmpty(false);
		return (settings != null) ? guarded(settings, work) : work;
	}

	/**
	 * Deletes a destination with its syncs, their runs and what they sent (the foreign
	 * keys cascade), unless one of its syncs has a run in progress: that worker would
	 * lose the rows it commits. Queued runs go with it. What the destination holds stays
	 * there.
	 * @param id the destination
	 * @return whether it existed
	 * @throws IllegalStateException (in the Mono) while a run of one of its syncs is
	 * running
	 */
	public Mono<Boolean> delete(UUID id) {
		return this.database
			.sql("DELETE FROM destinations d WHERE d.id = :id AND NOT EXISTS (SELECT 1 FROM sync_runs r"
					+ " JOIN audience_syncs s ON s.id = r.sync_id WHERE s.destination_id = d.id"
					+ " AND r.status = 'RUNNING') RETURNING d.id")
			.bind("id", id)
			.map((row) -> row.get("id", UUID.class))
			.one()
			.map((deleted) -> true)
			.switchIfEmpty(Mono.defer(() -> this.database.sql("SELECT count(*) AS n FROM destinations WHERE id = :id")
				.bind("id", id)
				.map((row) -> row.get("n", Long.class))
				.one()
				.flatMap((count) -> (count > 0) ? Mono.error(new IllegalStateException("destination " + id
						+ " has a sync run in progress; pause its syncs and delete it when the run has stopped"))
						: Mono.just(false))))
			.doOnNext((deleted) -> closeClient(id));
	}

	/**
	 * The open client of a destination, opened on first use.
	 * @param id the destination
	 * @return the client
	 */
	public Mono<DestinationClient> client(UUID id) {
		DestinationClient open = this.clients.get(id);
		if (open != null) {
			return Mono.just(open);
		}
		return this.database
			.sql("SELECT type, purpose, settings::text AS settings, credentials FROM destinations WHERE id = :id")
			.bind("id", id)
			.map((row) -> new StoredRow(DestinationType.valueOf(row.get("type", String.class)),
					ConsentPurpose.valueOf(row.get("purpose", String.class)), "", row.get("settings", String.class),
					row.get("credentials", String.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("destination " + id + " does not exist")))
			// resolving host names and opening a connection pool block: off the event
			// loop
			.publishOn(Schedulers.boundedElastic())
			.map((row) -> {
				// a host name may resolve elsewhere now than when the destination was
				// stored
				this.urls.checkSettings(JSON.readValue(row.settings(), STRINGS));
				return settings(id, row.type(), row.purpose(), row.settings(), row.credentials());
			})
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

	/**
	 * Records the outcome of a test of the destination.
	 * @param id the destination
	 * @param ok whether it passed
	 * @param message why not, when not
	 * @return completes when stored
	 */
	public Mono<Void> recordTest(UUID id, boolean ok, @Nullable String message) {
		var spec = this.database
			.sql("UPDATE destinations SET last_test_at = now(), last_test_ok = :ok, last_test_message = :message"
					+ " WHERE id = :id")
			.bind("id", id)
			.bind("ok", ok);
		spec = (message != null) ? spec.bind("message", message) : spec.bindNull("message", String.class);
		return spec.fetch().rowsUpdated().then();
	}

	/**
	 * The state of the destination's circuit breaker in this instance.
	 * @param id the destination
	 * @return the state, or {@code null} when no client is open here (nothing sent since
	 * this instance started, or the destination changed)
	 */
	public CircuitBreaker.@Nullable State breakerState(UUID id) {
		DestinationClient open = this.clients.get(id);
		return (open != null) ? open.resilience().circuitBreaker().getState() : null;
	}

	/**
	 * What is stored of a CMS decide key: its SHA-256 in hex. The key has at least 24
	 * random characters, so a fast hash cannot be reversed by guessing.
	 * @param key the key
	 * @return the hash
	 */
	public static String decideKeyHash(String key) {
		return Identifiers.sha256Hex(key);
	}

	private <T> Mono<T> guarded(Map<String, ?> settings, Mono<T> then) {
		// resolving host names blocks: off the event loop
		return Mono.fromRunnable(() -> this.urls.checkSettings(settings))
			.subscribeOn(Schedulers.boundedElastic())
			.then(then);
	}

	private void closeClient(UUID id) {
		DestinationClient open = this.clients.remove(id);
		if (open != null) {
			open.close();
		}
	}

	private static @Nullable String decideKeyHash(Map<String, String> credentials) {
		String key = credentials.get("decideKey");
		return (key != null) ? decideKeyHash(key) : null;
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

	private record StoredRow(DestinationType type, ConsentPurpose purpose, String name, String settings,
			String credentials) {

	}

}
