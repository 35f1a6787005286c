package dev.zielwerk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * CPU time spent by the parts of an embedded run, sampled at the start and end of the
 * measured time. On a machine shared with other work, events per CPU second is the figure
 * that stays put when throughput does not, because it does not count the time the run
 * waited for a core. Parts: the whole JVM (profile-service, the outbox relay and the load
 * generator), the load generator's threads ({@code ingest-*} and the HTTP client's), and
 * the PostgreSQL backends connected to the service's database (read from {@code /proc},
 * so only when PostgreSQL runs on this machine and this user may read its processes).
 * Also the machine's 1-minute load average.
 */
final class CpuProbe {

	/**
	 * Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every usual
	 * build.
	 */
	private static final long NANOS_PER_TICK = 10_000_000L;

	private final EmbeddedProfileService service;

	CpuProbe(EmbeddedProfileService service) {
		this.service = service;
	}

	Sample sample() {
		return new Sample(System.nanoTime() / 1e9, jvmNanos(), generatorNanos(), postgresNanos(), loadAverage());
	}

	private static long jvmNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return -1;
	}

	private static long generatorNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long total = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null
					&& (info.getThreadName().startsWith("ingest-") || info.getThreadName().startsWith("HttpClient-"))) {
				total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return total;
	}

	private long postgresNanos() {
		List<Long> pids = new ArrayList<>();
		try (Connection connection = this.service.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pid FROM pg_stat_activity "
						+ "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
			while (result.next()) {
				pids.add(result.getLong(1));
			}
		}
		catch (SQLException ex) {
			return -1;
		}
		long ticks = 0;
		for (long pid : pids) {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
				// fields after the parenthesised command name: state is field 3, utime
				// 14,
				// stime 15
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}
		return ticks * NANOS_PER_TICK;
	}

	private static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * One reading; negative values are unknown. PostgreSQL time counts the backends alive
	 * at the reading, which are the pool's and the relay's for the whole measured time.
	 */
	record Sample(double seconds, long jvmNanos, long generatorNanos, long postgresNanos, double loadAverage) {

		/** What was spent between {@code this} and {@code later}, per 1,000 events. */
		@Nullable String perThousandEvents(Sample later, long events) {
			if (events <= 0 || this.jvmNanos < 0 || later.jvmNanos < 0) {
				return null;
			}
			double service = millisPerThousand(
					(later.jvmNanos - this.jvmNanos) - (later.generatorNanos - this.generatorNanos), events);
			double generator = millisPerThousand(later.generatorNanos - this.generatorNanos, events);
			StringBuilder text = new StringBuilder(
					String.format(java.util.Locale.ROOT, "service+relay %.0f ms", service));
			double total = service;
			if (this.postgresNanos >= 0 && later.postgresNanos >= 0) {
				double postgres = millisPerThousand(later.postgresNanos - this.postgresNanos, events);
				total += postgres;
				text.append(String.format(java.util.Locale.ROOT, ", PostgreSQL %.0f ms", postgres));
			}
			text.append(String.format(java.util.Locale.ROOT,
					", generator %.0f ms (2 cores doing only service and database: ~%,.0f events/s)", generator,
					(total > 0) ? 2_000_000 / total : 0.0));
			return text.toString();
		}

		private static double millisPerThousand(long nanos, long events) {
			return nanos / 1e6 * 1000 / events;
		}

	}

}
