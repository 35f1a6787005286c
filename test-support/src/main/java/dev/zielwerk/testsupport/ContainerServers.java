package dev.zielwerk.testsupport;

import dev.zielwerk.localinfra.PostgresServer;
import dev.zielwerk.localinfra.RedisServer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL and Redis in Docker containers, from pinned images. */
final class ContainerServers {

	/** Pinned like compose.yaml. */
	static final String POSTGRES_IMAGE = "postgres:17.6";

	/** Pinned like compose.yaml. */
	static final String REDIS_IMAGE = "redis:7.4.5";

	private ContainerServers() {
	}

	static Started<PostgresServer> postgres() {
		PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
			.withUsername("postgres")
			.withPassword("postgres")
			.withDatabaseName("postgres")
			// every test class opens a pool of its own; durability is not a test concern
			.withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
		container.start();
		return new Started<>(
				new PostgresServer(container.getHost(), container.getMappedPort(5432), "postgres", "postgres"),
				container::stop);
	}

	static Started<RedisServer> redis() {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
			.withExposedPorts(6379)
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
		container.start();
		return new Started<>(new RedisServer(container.getHost(), container.getMappedPort(6379)), container::stop);
	}

	/** A server and how to stop it. */
	record Started<T>(T server, AutoCloseable stopper) {
	}

}
