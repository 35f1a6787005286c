package dev.zielwerk.gateway.resilience;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.zielwerk.gateway.apq.Sha256;
import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.router.GraphQlGatewayFactory;
import dev.zielwerk.gateway.supergraph.Subgraph;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Swaps in a changed supergraph file: the new file is loaded and a complete new pipeline
 * (with empty document and plan caches) is built before one atomic reference switch, so a
 * request runs entirely on the pipeline it started with and requests in flight finish on
 * the old one. A file that does not load is rejected with a log line and the running
 * supergraph stays. Changes are noticed by file system events (watch) or by reading the
 * file at an interval (poll); either way the content hash decides whether anything
 * changed.
 */
public final class SupergraphReloader implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SupergraphReloader.class);

	private final AtomicReference<GraphQlGateway> current;

	private final @Nullable Path file;

	private final GraphQlGatewayFactory factory;

	private final SupergraphReloadProperties properties;

	private volatile @Nullable String loadedHash;

	private volatile @Nullable Thread thread;

	private volatile boolean running;

	/**
	 * Creates a reloader.
	 * @param initial the pipeline built at startup
	 * @param file the supergraph file, null when the supergraph is not a local file
	 * (nothing is reloaded then)
	 * @param factory builds a pipeline for a new supergraph
	 * @param properties how changes are noticed
	 */
	public SupergraphReloader(GraphQlGateway initial, @Nullable Path file, GraphQlGatewayFactory factory,
			SupergraphReloadProperties properties) {
		this.current = new AtomicReference<>(initial);
		this.file = file;
		this.factory = factory;
		this.properties = properties;
		this.loadedHash = (file != null) ? hash(file) : null;
	}

	/** The pipeline new requests run on. */
	public GraphQlGateway current() {
		return this.current.get();
	}

	/** Starts noticing changes (a daemon thread); nothing when there is no file. */
	public void start() {
		Path file = this.file;
		if (file == null || !this.properties.enabled()) {
			return;
		}
		this.running = true;
		Thread watcher = Thread.ofPlatform()
			.daemon()
			.name("supergraph-reload")
			.unstarted(() -> run(file, this.properties.interval()));
		this.thread = watcher;
		watcher.start();
		logger.info("Reloading the supergraph from " + file + " on change ("
				+ this.properties.mode().name().toLowerCase(Locale.ROOT) + ", at least every "
				+ this.properties.interval().toMillis() + " ms)");
	}

	private void run(Path file, Duration interval) {
		if (this.properties.mode() == SupergraphReloadProperties.Mode.POLL) {
			while (this.running) {
				sleep(interval);
				check();
			}
			return;
		}
		Path directory = file.toAbsolutePath().getParent();
		try (WatchService watch = FileSystems.getDefault().newWatchService()) {
			directory.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
					StandardWatchEventKinds.ENTRY_DELETE);
			while (this.running) {
				// events of any file in the directory count: editors and config maps
				// replace files by renames and symlink swaps
				WatchKey key = watch.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
				if (key != null) {
					key.pollEvents();
					key.reset();
				}
				check();
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot watch " + directory + " (" + ex.getMessage() + "); polling instead");
			while (this.running) {
				sleep(interval);
				check();
			}
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Loads the file when its content changed and swaps the pipeline.
	 * @return whether a new supergraph was swapped in
	 */
	public synchronized boolean check() {
		Path file = this.file;
		if (file == null) {
			return false;
		}
		String hash = hash(file);
		if (hash == null || hash.equals(this.loadedHash)) {
			return false;
		}
		this.loadedHash = hash;
		Supergraph supergraph;
		GraphQlGateway next;
		try {
			supergraph = SupergraphLoader.parse(Files.readString(file, StandardCharsets.UTF_8));
			next = this.factory.create(supergraph);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Rejected the changed supergraph " + file + " (sha256 " + hash.substring(0, 12)
					+ "); still serving the previous one: " + ex.getMessage());
			return false;
		}
		this.current.set(next);
		logger.info("Swapped in the changed supergraph " + file + " (sha256 " + hash.substring(0, 12) + ", subgraphs "
				+ supergraph.subgraphs().stream().map(Subgraph::name).sorted().toList() + ")");
		return true;
	}

	private static @Nullable String hash(Path file) {
		try {
			return Sha256.hex(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException | RuntimeException ex) {
			// gone for a moment while being replaced: the next check sees the new file
			return null;
		}
	}

	private void sleep(Duration interval) {
		try {
			Thread.sleep(interval);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	@Override
	public void close() {
		this.running = false;
		Thread watcher = this.thread;
		if (watcher != null) {
			watcher.interrupt();
		}
	}

}
