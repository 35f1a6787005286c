package dev.zielwerk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Outbox relay throughput: commits {@code --rows} outbox rows in one transaction into an
 * embedded profile-service's database and measures how long its relay takes to append
 * them all to the Redis stream and mark them sent. Takes the embedded options of
 * {@link IngestBenchmark} ({@code --postgres}, {@code --redis}, Spring properties) plus
 * {@code --rows=100000}.
 */
public final class RelayBenchmark {

	private RelayBenchmark() {
	}

	public static void main(String[] args) throws SQLException, InterruptedException {
		int rows = 100_000;
		List<String> rest = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--rows=")) {
				rows = Integer.parseInt(arg.substring("--rows=".length()));
			}
			else {
				rest.add(arg);
			}
		}
		rest.add("--embedded");
		BenchmarkOptions options = BenchmarkOptions.parse(rest);
		try (EmbeddedProfileService service = EmbeddedProfileService.start(options)) {
			long committed;
			try (Connection connection = service.connect(); PreparedStatement insert = connection.prepareStatement("""
					INSERT INTO profile.outbox (id, type, profile_id, occurred_at, payload)
					SELECT gen_random_uuid(), 'event', md5((g % 5000)::text)::uuid, now(),
					       jsonb_build_object('eventId', gen_random_uuid(), 'messageId', 'bench-' || g, 'kind', 'TRACK',
					         'name', 'Product Viewed', 'properties',
					         jsonb_build_object('sku', 'SKU-' || g, 'price', 19.99, 'currency', 'EUR'))
					FROM generate_series(1, ?) AS g
					""")) {
				insert.setInt(1, rows);
				insert.executeUpdate();
				committed = System.nanoTime();
			}
			long backlog;
			do {
				Thread.sleep(10);
				backlog = service.outboxBacklog();
			}
			while (backlog > 0);
			double seconds = (System.nanoTime() - committed) / 1e9;
			System.out.printf(Locale.ROOT,
					"Zielwerk outbox relay benchmark%n  rows             %,d%n"
							+ "  drained in       %.2f s (commit to last row marked sent, polled every 10 ms)%n"
							+ "  rows/s           %,.0f%n",
					rows, seconds, rows / seconds);
		}
	}

}
