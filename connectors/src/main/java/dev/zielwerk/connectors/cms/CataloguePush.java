package dev.zielwerk.connectors.cms;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.zielwerk.connectors.destination.DestinationHttp;
import dev.zielwerk.connectors.destination.Identifiers;
import dev.zielwerk.connectors.destination.cms.CatalogueEntry;
import dev.zielwerk.connectors.destination.cms.CmsClient;
import dev.zielwerk.connectors.sync.DestinationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Pushes the segment catalogue of a CMS destination: every segment one of its syncs
 * sends, with key, name and description (never members), sorted by key. A push that would
 * send what was last sent is skipped unless forced, so the periodic check and the push
 * after a new sync cost the CMS nothing when nothing changed.
 */
public final class CataloguePush {

	private static final Log logger = LogFactory.getLog(CataloguePush.class);

	private final DatabaseClient database;

	private final DestinationRegistry destinations;

	private final SegmentCatalogueSource source;

	private volatile Disposable loop = Disposables.disposed();

	CataloguePush(DatabaseClient database, DestinationRegistry destinations, SegmentCatalogueSource source) {
		this.database = database;
		this.destinations = destinations;
		this.source = source;
	}

	/**
	 * Pushes a CMS destination's catalogue.
	 * @param destinationId the destination
	 * @param force push even when it did not change since the last push
	 * @return what was pushed, or empty when the destination is not a CMS destination
	 */
	public Mono<Result> push(UUID destinationId, boolean force) {
		return this.database
			.sql("SELECT catalogue_hash, catalogue_pushed_at FROM destinations WHERE id = :id AND type = 'CMS'")
			.bind("id", destinationId)
			.map((row) -> new Last(row.get("catalogue_hash", String.class),
					row.get("catalogue_pushed_at", Instant.class)))
			.one()
			.flatMap((last) -> catalogue(destinationId).flatMap((entries) -> {
				String hash = Identifiers.sha256Hex(DestinationHttp.json().writeValueAsString(entries));
				if (!force && hash.equals(last.hash())) {
					return Mono.just(new Result(entries.size(), false, last.pushedAt()));
				}
				return this.destinations.client(destinationId)
					.cast(CmsClient.class)
					.flatMap((client) -> client.pushCatalogue(destinationId, entries))
					.then(this.database
						.sql("UPDATE destinations SET catalogue_hash = :hash, catalogue_pushed_at = now()"
								+ " WHERE id = :id RETURNING catalogue_pushed_at")
						.bind("hash", hash)
						.bind("id", destinationId)
						.map((row) -> row.get("catalogue_pushed_at", Instant.class))
						.one())
					.map((at) -> new Result(entries.size(), true, at));
			}));
	}

	/**
	 * Pushes the catalogue of every CMS destination that changed.
	 * @return how many were pushed
	 */
	Mono<Long> pushChanged() {
		return this.database.sql("SELECT id FROM destinations WHERE type = 'CMS'")
			.map((row) -> row.get("id", UUID.class))
			.all()
			.concatMap((id) -> push(id, false).onErrorResume((ex) -> {
				logger.warn("Pushing the segment catalogue of destination " + id + " failed: " + ex.getMessage());
				return Mono.empty();
			}))
			.filter(Result::pushed)
			.count();
	}

	void start(Duration interval) {
		this.loop = Flux.interval(interval, interval)
			.onBackpressureDrop()
			.concatMap((tick) -> pushChanged())
			.subscribe();
	}

	void stop() {
		this.loop.dispose();
	}

	private Mono<List<CatalogueEntry>> catalogue(UUID destinationId) {
		return this.database.sql("SELECT DISTINCT segment_id FROM audience_syncs WHERE destination_id = :id")
			.bind("id", destinationId)
			.map((row) -> row.get("segment_id", String.class))
			.all()
			.concatMap(this.source::describe)
			.sort(Comparator.comparing(CatalogueEntry::key))
			.collectList();
	}

	private record Last(@Nullable String hash, @Nullable Instant pushedAt) {

	}

	/**
	 * The outcome of a push.
	 *
	 * @param segments segments in the catalogue
	 * @param pushed whether it was sent now (not when nothing changed and not forced)
	 * @param pushedAt when the catalogue was last sent
	 */
	public record Result(int segments, boolean pushed, @Nullable Instant pushedAt) {

	}

}
