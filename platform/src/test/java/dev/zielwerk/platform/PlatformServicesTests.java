package dev.zielwerk.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import dev.zielwerk.localinfra.PostgresServer;
import dev.zielwerk.localinfra.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PlatformServicesTests {

	@Test
	void printsTheConfiguredWriteKeysWithARequestToTryThem() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("zielwerk.profile.ingest.write-keys", "shop-key,app-key")
			.withProperty("local.server.port", "4101");
		assertThat(PlatformServices.writeKeyNotes(environment)).containsExactly(
				"write key (HTTP Basic user, empty password): shop-key, app-key",
				"try: curl -u shop-key: -H 'Content-Type: application/json' "
						+ "-d '{\"userId\":\"u1\",\"event\":\"Signed Up\"}' http://localhost:4101/v1/track");
	}

	@Test
	void fallsBackToTheServiceDefaultWriteKey() {
		assertThat(PlatformServices.writeKeyNotes(new MockEnvironment()).get(0)).endsWith(": dev-write-key");
	}

	@Test
	void pointsEveryServiceAtTheSameDatabaseAndRedis() {
		PlatformInfrastructure infrastructure = new PlatformInfrastructure(
				new PostgresServer("127.0.0.1", 5433, "app", "secret"), "zielwerk", new RedisServer("127.0.0.1", 6380));
		assertThat(infrastructure.properties())
			.containsEntry("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:5433/zielwerk")
			.containsEntry("spring.r2dbc.username", "app")
			.containsEntry("spring.r2dbc.password", "secret")
			.containsEntry("spring.flyway.url", "jdbc:postgresql://127.0.0.1:5433/zielwerk")
			.containsEntry("spring.flyway.user", "app")
			.containsEntry("spring.flyway.password", "secret")
			.containsEntry("spring.data.redis.url", "redis://127.0.0.1:6380");
	}

	@Test
	void startsTheSubgraphsThenTheGatewayOnTheirDocumentedPorts() {
		assertThat(PlatformServices.all()).extracting(ServiceLaunch::name, ServiceLaunch::port)
			.containsExactly(tuple("profile-service", 4001), tuple("segment-service", 4002), tuple("connectors", 4003),
					tuple("gateway", 4000));
		assertThat(PlatformServices.all()).filteredOn(ServiceLaunch::usesStores)
			.extracting(ServiceLaunch::name)
			.containsExactly("profile-service", "segment-service", "connectors");
	}

	@Test
	void pointsTheGatewayAtTheSubgraphsAndConnectorsAtTheGateway() {
		PlatformPorts ports = new PlatformPorts(
				Map.of("profile-service", 5001, "segment-service", 5002, "connectors", 5003, "gateway", 5000));
		assertThat(PlatformServices.gateway().properties().apply(ports))
			.containsEntry("zielwerk.gateway.subgraphs.profile.url", "http://localhost:5001/graphql")
			.containsEntry("zielwerk.gateway.subgraphs.segment.url", "http://localhost:5002/graphql")
			.containsEntry("zielwerk.gateway.subgraphs.connectors.url", "http://localhost:5003/graphql");
		assertThat(PlatformServices.connectors().properties().apply(ports))
			.containsEntry("zielwerk.connectors.gateway.url", "http://localhost:5000/graphql");
	}

	@Test
	void readsEachServicesOwnPackagedConfigurationFromTheSharedClasspath() {
		assertThat(PlatformServices.all())
			.allSatisfy((service) -> assertThat(ServiceConfiguration.load(service)).anySatisfy(
					(source) -> assertThat(source.getProperty("spring.application.name")).isEqualTo(service.name())));
	}

	@Test
	void keepsTheConnectorsCredentialKeyInTheDataDirectoryAcrossStarts(@TempDir Path directory) throws IOException {
		String first = ConnectorsCredentialKey.inDirectory(directory);
		assertThat(Base64.getDecoder().decode(first)).hasSize(32);
		assertThat(ConnectorsCredentialKey.inDirectory(directory)).isEqualTo(first);
		assertThat(PosixFilePermissions
			.toString(Files.getPosixFilePermissions(directory.resolve(ConnectorsCredentialKey.FILE))))
			.isEqualTo("rw-------");
	}

	@Test
	void servesTheGatewaysOwnGraphiqlPageWhereSpringForGraphQlShipsOneOfTheSameName() throws IOException {
		try (var page = getClass().getClassLoader().getResourceAsStream("graphiql/index.html")) {
			assertThat(new String(page.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
				.contains("Zielwerk · GraphiQL");
		}
	}

}
