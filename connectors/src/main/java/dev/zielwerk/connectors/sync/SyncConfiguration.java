package dev.zielwerk.connectors.sync;

import java.util.UUID;

import dev.zielwerk.connectors.credential.CredentialCipher;
import dev.zielwerk.connectors.destination.DestinationUrls;
import dev.zielwerk.connectors.destination.clients.DestinationClients;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires syncs. They store destination credentials and the identifiers sent, both
 * encrypted, so they exist only when a credential key is configured, like the cipher.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("zielwerk.connectors.credential-key")
class SyncConfiguration {

	@Bean
	MemberVault memberVault(CredentialCipher cipher) {
		return new MemberVault(cipher);
	}

	@Bean
	RunStore runStore(DatabaseClient database, SyncProperties properties) {
		return new RunStore(database, properties.lease());
	}

	@Bean
	SyncedMembers syncedMembers(DatabaseClient database) {
		return new SyncedMembers(database);
	}

	@Bean
	ChunkLedger chunkLedger(DatabaseClient database, TransactionalOperator transactions, MemberVault vault,
			SyncProperties properties) {
		return new ChunkLedger(database, transactions, vault, properties.lease());
	}

	/**
	 * The SSRF guard. {@code zielwerk.connectors.allow-private-networks} (default false)
	 * lets destinations point to private and loopback addresses: local development and
	 * tests, whose fakes listen on loopback.
	 */
	@Bean
	DestinationUrls destinationUrls(@Value("${zielwerk.connectors.allow-private-networks:false}") boolean allow) {
		return DestinationUrls.of(allow);
	}

	@Bean
	DestinationRegistry destinationRegistry(DatabaseClient database, CredentialCipher cipher, DestinationUrls urls) {
		return new DestinationRegistry(database, cipher, DestinationClients::defaultResilience, urls);
	}

	@Bean
	@ConditionalOnMissingBean
	AudienceSource audienceSource(GatewayProperties properties) {
		return new GatewayAudienceSource(WebClient.builder(), properties);
	}

	@Bean
	RunEngine runEngine(AudienceSource source, DestinationRegistry destinations, SyncedMembers synced,
			ChunkLedger ledger, RunStore runs, MemberVault vault, SyncProperties properties) {
		return new RunEngine(source, destinations, synced, ledger, runs, vault, properties.pageSize());
	}

	@Bean
	AudienceSyncs audienceSyncs(DatabaseClient database, RunStore runs) {
		return new AudienceSyncs(database, runs);
	}

	@Bean
	SyncReader syncReader(DatabaseClient database) {
		return new SyncReader(database);
	}

	@Bean
	SyncWorker syncWorker(RunStore runs, RunEngine engine, SyncProperties properties) {
		String owner = (properties.workerId() != null) ? properties.workerId()
				: "worker-" + UUID.randomUUID().toString().substring(0, 8);
		return new SyncWorker(owner, runs, engine, properties);
	}

	@Bean
	SyncScheduler syncScheduler(DatabaseClient database, TransactionalOperator transactions, RunStore runs,
			SyncProperties properties) {
		return new SyncScheduler(database, transactions, runs, properties.realTimeReconcile());
	}

	@Bean
	SegmentChangeListener segmentChangeListener(ReactiveStringRedisTemplate redis, DatabaseClient database,
			RunStore runs, @Value("${zielwerk.redis.namespace:zw}") String namespace) {
		return new SegmentChangeListener(redis, database, runs, namespace);
	}

	@Bean
	ErasureFanOut erasureFanOut(SyncedMembers synced, DestinationRegistry destinations, MemberVault vault) {
		return new ErasureFanOut(synced, destinations, vault);
	}

	@Bean
	ProfileStreamListener profileStreamListener(ReactiveStringRedisTemplate redis, ErasureFanOut fanOut,
			SyncedMembers synced, RunStore runs, SyncWorker worker, SyncProperties properties,
			@Value("${zielwerk.redis.namespace:zw}") String namespace) {
		return new ProfileStreamListener(redis, fanOut, synced, runs, namespace, worker.owner(),
				properties.streamClaimIdle());
	}

	@Bean
	SyncLifecycle syncLifecycle(SyncProperties properties, SyncWorker worker, SyncScheduler scheduler,
			SegmentChangeListener changes, ProfileStreamListener profiles) {
		return new SyncLifecycle(properties, worker, scheduler, changes, profiles);
	}

}
