package dev.zielwerk.testsupport;

import java.util.Locale;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot test at real PostgreSQL and Redis: a database of its own for the
 * test class and a Redis key namespace of its own, so test classes never see each other's
 * data.
 *
 * <pre>
 * &#64;DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     ZielwerkTestProperties.register(registry, MyIT.class);
 * }
 * </pre>
 */
public final class ZielwerkTestProperties {

	private ZielwerkTestProperties() {
	}

	public static TestDatabase register(DynamicPropertyRegistry registry, Class<?> testClass) {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		TestDatabase database = infrastructure.newDatabase(testClass.getSimpleName());
		registry.add("spring.r2dbc.url", database::r2dbcUrl);
		registry.add("spring.r2dbc.username", database::user);
		registry.add("spring.r2dbc.password", database::password);
		// small pools: many test classes share one PostgreSQL server
		registry.add("spring.r2dbc.pool.initial-size", () -> "1");
		registry.add("spring.r2dbc.pool.max-size", () -> "6");
		registry.add("spring.flyway.url", database::jdbcUrl);
		registry.add("spring.flyway.user", database::user);
		registry.add("spring.flyway.password", database::password);
		registry.add("spring.data.redis.url", () -> infrastructure.redis().url());
		// computed once: the supplier is asked on every lookup, and the test and the
		// beans
		// must see the same namespace
		String namespace = namespaceFor(testClass);
		registry.add("zielwerk.redis.namespace", () -> namespace);
		return database;
	}

	static String namespaceFor(Class<?> testClass) {
		return "zwtest:" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + ":"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

}
