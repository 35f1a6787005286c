package dev.zielwerk.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.zielwerk.connectors.ConnectorsApplication;
import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.sync.AudienceSyncs;
import dev.zielwerk.connectors.sync.DestinationRegistry;
import dev.zielwerk.connectors.sync.SyncMode;
import dev.zielwerk.localinfra.PostgresServer;
import dev.zielwerk.localinfra.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Diff and sync of a large audience (default 1,000,000 members) to a fake Meta custom
 * audience endpoint, with the connectors service embedded on a database of its own: a
 * first full sync, a re-sync with nothing changed (diff only), and a sync after a churn
 * (default 5%: half leave, as many join) in MIRROR mode. Prints members per second of
 * each run and the peak heap, sampled every 20 ms, of the whole JVM (service, generated
 * audience and fake). Run it with a small heap to show that a run streams:
 *
 * <pre>
 * java -Xmx256m -Dloader.main=dev.zielwerk.bench.ConnectorsBenchmark \
 *   -cp benchmarks/target/zielwerk-benchmarks.jar org.springframework.boot.loader.launch.PropertiesLauncher \
 *   --members=1000000
 * </pre>
 *
 * Options: {@code --members}, {@code --churn} (0.05), {@code --page-size} (5000, members
 * per chunk: one page, one diff against PostgreSQL, one Meta request, one commit),
 * {@code --postgres}, {@code --redis}, {@code --keep-database}. The audience is generated
 * in this JVM (no gateway hop), so the figures are the connector's own work.
 */
public final class ConnectorsBenchmark {

	private ConnectorsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--")) {
				int equals = arg.indexOf('=');
				options.put((equals > 0) ? arg.substring(2, equals) : arg.substring(2),
						(equals > 0) ? arg.substring(equals + 1) : "true");
			}
		}
		int members = Integer.parseInt(options.getOrDefault("members", "1000000"));
		double churn = Double.parseDouble(options.getOrDefault("churn", "0.05"));
		int pageSize = Integer.parseInt(options.getOrDefault("page-size", "5000"));
		PostgresServer postgres = PostgresServer.parse(options.getOrDefault("postgres",
				env("ZW_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")));
		RedisServer redis = RedisServer
			.parse(options.getOrDefault("redis", env("ZW_BENCH_REDIS_URL", "redis://127.0.0.1:6379")));
		boolean keep = options.containsKey("keep-database");

		String suffix = Long.toString(System.currentTimeMillis(), 36);
		String database = "zw_bench_conn_" + suffix;
		execute(postgres, "postgres", "CREATE DATABASE \"" + database + "\"");
		HeapSampler heap = new HeapSampler();
		GeneratedAudience audience = new GeneratedAudience(members);
		try (MetaEndpointFake meta = new MetaEndpointFake();
				ConfigurableApplicationContext context = start(postgres, database, redis, suffix, pageSize, audience)) {
			System.out.printf(Locale.ROOT, "connectors benchmark: %,d members, page size %,d, max heap %d MB%n",
					members, pageSize, Runtime.getRuntime().maxMemory() / (1024 * 1024));
			DestinationRegistry registry = context.getBean(DestinationRegistry.class);
			AudienceSyncs syncs = context.getBean(AudienceSyncs.class);
			UUID destination = registry
				.create(DestinationType.META_CUSTOM_AUDIENCE, "bench", ConsentPurpose.ADVERTISING,
						Map.of("audienceId", "23850000001", "apiVersion", "v21.0", "baseUrl", meta.url()),
						Map.of("accessToken", Secret.of("EAAB-bench")))
				.block();
			UUID sync = syncs.create("bench-segment", "bench", destination, SyncMode.MIRROR, "0 0 3 1 1 *").block();
			heap.start();

			List<String> rows = new ArrayList<>();
			rows.add(phase("first full sync", audience.members(), syncs, sync, postgres, database, meta, heap));
			rows.add(phase("re-sync, no change", audience.members(), syncs, sync, postgres, database, meta, heap));
			audience.churn(churn);
			rows.add(phase(String.format(Locale.ROOT, "sync after %.0f%% churn", churn * 100), audience.members(),
					syncs, sync, postgres, database, meta, heap));
			System.out.println();
			System.out
				.println("| run | members | duration | members/s | added | removed | Meta requests | peak heap |");
			System.out.println("|---|---|---|---|---|---|---|---|");
			rows.forEach(System.out::println);
			System.out.printf(Locale.ROOT, "%nlive heap after GC at most %d MB (old generation after a collection)%n",
					heap.liveAfterGc() / (1024 * 1024));
		}
		finally {
			heap.stop();
			if (!keep) {
				execute(postgres, "postgres", "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
			}
		}
	}

	private static String phase(String name, int members, AudienceSyncs syncs, UUID sync, PostgresServer postgres,
			String database, MetaEndpointFake meta, HeapSampler heap) throws SQLException, InterruptedException {
		long addedBefore = meta.added();
		long removedBefore = meta.removed();
		long requestsBefore = meta.requests();
		heap.reset();
		UUID run = syncs.trigger(sync).block();
		String status;
		while (true) {
			Thread.sleep(200);
			status = query(postgres, database, "SELECT status FROM connector.sync_runs WHERE id = '" + run + "'");
			if (!"QUEUED".equals(status) && !"RUNNING".equals(status)) {
				break;
			}
		}
		double seconds = Double.parseDouble(query(postgres, database,
				"SELECT extract(epoch FROM finished_at - started_at) FROM connector.sync_runs WHERE id = '" + run
						+ "'"));
		String counts = query(postgres, database,
				"SELECT eligible || ' eligible, ' || skipped_no_consent || ' without consent, ' || added || ' added, '"
						+ " || removed || ' removed, ' || rejected || ' rejected' FROM connector.sync_runs WHERE id = '"
						+ run + "'");
		System.out.printf(Locale.ROOT, "%s: %s in %.1f s (%s)%n", name, status, seconds, counts);
		return String.format(Locale.ROOT, "| %s | %,d | %.1f s | %,.0f | %,d | %,d | %,d | %d MB |", name, members,
				seconds, members / seconds, meta.added() - addedBefore, meta.removed() - removedBefore,
				meta.requests() - requestsBefore, heap.peak() / (1024 * 1024));
	}

	private static ConfigurableApplicationContext start(PostgresServer postgres, String database, RedisServer redis,
			String suffix, int pageSize, GeneratedAudience audience) {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		// every property the service needs is given here: the jar also holds
		// profile-service's application.yaml, which may be the one found first
		String[] args = { "--server.port=0", "--logging.level.root=WARN", "--spring.main.banner-mode=off",
				"--spring.application.name=connectors-bench", "--spring.r2dbc.url=" + postgres.r2dbcUrl(database),
				"--spring.r2dbc.username=" + postgres.user(), "--spring.r2dbc.password=" + postgres.password(),
				"--spring.flyway.url=" + postgres.jdbcUrl(database), "--spring.flyway.user=" + postgres.user(),
				"--spring.flyway.password=" + postgres.password(), "--spring.flyway.schemas=connector",
				"--spring.flyway.default-schema=connector",
				"--spring.flyway.locations=classpath:db/migration/connector", "--spring.data.redis.url=" + redis.url(),
				"--spring.graphql.schema.locations=classpath:graphql/connectors/",
				"--zielwerk.redis.namespace=zwbench:" + suffix,
				"--zielwerk.connectors.credential-key=" + Base64.getEncoder().encodeToString(key),
				"--zielwerk.connectors.allow-private-networks=true", "--zielwerk.connectors.sync.concurrency=1",
				"--zielwerk.connectors.sync.page-size=" + pageSize, "--zielwerk.connectors.sync.poll-interval=100ms" };
		return new SpringApplicationBuilder(ConnectorsApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("audienceSource", audience))
			.run(args);
	}

	private static String query(PostgresServer postgres, String database, String sql) throws SQLException {
		try (Connection connection = connect(postgres, database);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	private static void execute(PostgresServer postgres, String database, String sql) throws SQLException {
		try (Connection connection = connect(postgres, database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Connection connect(PostgresServer postgres, String database) throws SQLException {
		Properties login = new Properties();
		login.setProperty("user", postgres.user());
		login.setProperty("password", postgres.password());
		return DriverManager.getConnection(postgres.jdbcUrl(database), login);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	/** The largest heap in use, sampled; and the largest old generation after a GC. */
	private static final class HeapSampler {

		private volatile long peak;

		private volatile boolean running;

		private Thread thread;

		void start() {
			this.running = true;
			this.thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
				while (this.running) {
					long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
					if (used > this.peak) {
						this.peak = used;
					}
					try {
						Thread.sleep(Duration.ofMillis(20));
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
		}

		void reset() {
			this.peak = 0;
		}

		long peak() {
			return this.peak;
		}

		long liveAfterGc() {
			long live = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null
						&& pool.getName().toLowerCase(Locale.ROOT).contains("old")) {
					live = Math.max(live, pool.getCollectionUsage().getUsed());
				}
			}
			return live;
		}

		void stop() {
			this.running = false;
			if (this.thread != null) {
				this.thread.interrupt();
			}
			for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
				System.out.printf(Locale.ROOT, "%s: %d collections, %d ms%n", gc.getName(), gc.getCollectionCount(),
						gc.getCollectionTime());
			}
		}

	}

}
