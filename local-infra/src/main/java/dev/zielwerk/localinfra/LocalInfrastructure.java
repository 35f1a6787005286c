package dev.zielwerk.localinfra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL and Redis for a local run: the configured servers when they answer within a
 * short timeout, else embedded ones started here, each decided on its own and logged.
 * Closing it stops what it started; the configured servers are left alone.
 */
public final class LocalInfrastructure implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalInfrastructure.class);

	private final PostgresServer postgres;

	private final Origin postgresOrigin;

	private final RedisServer redis;

	private final Origin redisOrigin;

	private final List<AutoCloseable> started;

	/** Where a server comes from. */
	public enum Origin {

		/** The configured server, which answered. */
		CONFIGURED,

		/** A server started here from binaries in Maven artifacts. */
		EMBEDDED

	}

	private LocalInfrastructure(PostgresServer postgres, Origin postgresOrigin, RedisServer redis, Origin redisOrigin,
			List<AutoCloseable> started) {
		this.postgres = postgres;
		this.postgresOrigin = postgresOrigin;
		this.redis = redis;
		this.redisOrigin = redisOrigin;
		this.started = started;
	}

	/**
	 * Finds or starts PostgreSQL and Redis. Embedded servers are not stopped by a JVM
	 * shutdown hook of their own: {@link #close()} this (in a hook that first stops what
	 * uses the servers).
	 */
	public static LocalInfrastructure resolve(LocalInfrastructureSettings settings) {
		List<AutoCloseable> started = new ArrayList<>();
		try {
			PostgresServer configuredPostgres = PostgresServer.parse(settings.postgresUrl());
			PostgresServer postgres = configuredPostgres;
			Origin postgresOrigin = Origin.CONFIGURED;
			if (!useConfigured("PostgreSQL", configuredPostgres.toString(), settings,
					() -> Probes.postgres(configuredPostgres, settings.probeTimeout()))) {
				Path directory = settings.dataDirectory();
				EmbeddedPostgres embedded = (directory != null)
						? EmbeddedPostgres.startPersistent(directory.resolve("postgres"))
						: EmbeddedPostgres.startEphemeral();
				started.add(embedded);
				postgres = embedded.server();
				postgresOrigin = Origin.EMBEDDED;
			}
			RedisServer configuredRedis = RedisServer.parse(settings.redisUrl());
			RedisServer redis = configuredRedis;
			Origin redisOrigin = Origin.CONFIGURED;
			if (!useConfigured("Redis", configuredRedis.url(), settings,
					() -> Probes.redis(configuredRedis, settings.probeTimeout()))) {
				Path directory = settings.dataDirectory();
				EmbeddedRedis embedded = (directory != null) ? EmbeddedRedis.startPersistent(directory.resolve("redis"))
						: EmbeddedRedis.startEphemeral();
				started.add(embedded);
				redis = embedded.server();
				redisOrigin = Origin.EMBEDDED;
			}
			return new LocalInfrastructure(postgres, postgresOrigin, redis, redisOrigin, started);
		}
		catch (RuntimeException ex) {
			closeAll(started);
			throw ex;
		}
	}

	private static boolean useConfigured(String what, String where, LocalInfrastructureSettings settings,
			Supplier<String> probe) {
		if (settings.mode() == LocalInfrastructureSettings.Mode.EMBEDDED) {
			logger.info("{}: embedded (ZW_INFRA=embedded)", what);
			return false;
		}
		String problem = probe.get();
		if (problem.isEmpty()) {
			logger.info("{}: using the configured server {}", what, where);
			return true;
		}
		if (settings.mode() == LocalInfrastructureSettings.Mode.CONFIGURED) {
			throw new IllegalStateException(
					what + " at " + where + " is required (ZW_INFRA=configured) but gave " + problem);
		}
		logger.info("{}: the configured server {} gave {}; starting an embedded one", what, where, problem);
		return false;
	}

	public PostgresServer postgres() {
		return this.postgres;
	}

	public Origin postgresOrigin() {
		return this.postgresOrigin;
	}

	public RedisServer redis() {
		return this.redis;
	}

	public Origin redisOrigin() {
		return this.redisOrigin;
	}

	/** Stops the embedded servers started here, Redis first. */
	@Override
	public void close() {
		closeAll(this.started);
	}

	private static void closeAll(List<AutoCloseable> resources) {
		for (AutoCloseable resource : resources.reversed()) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.warn("Could not stop {}: {}", resource, ex.getMessage());
			}
		}
		resources.clear();
	}

}
