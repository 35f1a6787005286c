package dev.zielwerk.connectors.graphql;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.zielwerk.connectors.cms.CataloguePush;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.error.InvalidInputException;
import dev.zielwerk.connectors.error.NotFoundException;
import dev.zielwerk.connectors.sync.AudienceSyncs;
import dev.zielwerk.connectors.sync.SyncMode;
import dev.zielwerk.connectors.sync.SyncReader;
import dev.zielwerk.connectors.sync.SyncReader.DestinationView;
import dev.zielwerk.connectors.sync.SyncReader.SyncView;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Audience syncs through GraphQL, and {@code Segment.syncs} contributed to the segment
 * entity of segment-service.
 */
// like the sync beans it uses, only with a credential key (see SyncConfiguration)
@Controller
@ConditionalOnProperty("zielwerk.connectors.credential-key")
final class SyncController {

	private final AudienceSyncs syncs;

	private final SyncReader reader;

	private final CataloguePush catalogue;

	SyncController(AudienceSyncs syncs, SyncReader reader, CataloguePush catalogue) {
		this.syncs = syncs;
		this.reader = reader;
		this.catalogue = catalogue;
	}

	@QueryMapping
	Mono<SyncView> audienceSync(@Argument String id) {
		return Mono.fromCallable(() -> Ids.parse("id", id)).flatMap(this.reader::sync);
	}

	/**
	 * A sync to a CMS destination must be MIRROR: the decide endpoint answers current
	 * membership, so members who left the segment must leave the audience. Its catalogue
	 * is pushed afterwards when it changed (in the background: the CMS may be slow).
	 */
	@MutationMapping
	Mono<SyncView> createAudienceSync(@Argument CreateAudienceSyncInput input) {
		return Mono.fromCallable(() -> Ids.parse("input.destinationId", input.destinationId()))
			.flatMap((destination) -> this.reader.destinations(List.of(destination))
				.next()
				.switchIfEmpty(
						Mono.error(() -> new InvalidInputException("input.destinationId", "no such destination")))
				.flatMap((view) -> {
					if (view.type() == DestinationType.CMS && input.mode() != SyncMode.MIRROR) {
						return Mono.error(new InvalidInputException("input.mode",
								"syncs to a CMS destination must be MIRROR: the decide endpoint answers current"
										+ " membership"));
					}
					return this.syncs
						.create(input.segmentId(), input.segmentKey(), destination, input.mode(), input.schedule())
						.onErrorMap(IllegalArgumentException.class,
								(ex) -> new InvalidInputException("input.schedule", ex.getMessage()))
						.onErrorMap(DataIntegrityViolationException.class,
								(ex) -> new InvalidInputException("input.destinationId", "no such destination"))
						.doOnNext((sync) -> {
							if (view.type() == DestinationType.CMS) {
								this.catalogue.push(destination, false).onErrorComplete().subscribe();
							}
						});
				}))
			.flatMap(this.reader::sync);
	}

	@MutationMapping
	Mono<RunNode> triggerSync(@Argument String id) {
		return existing(id).flatMap((sync) -> this.syncs.trigger(sync.id())).flatMap(this.reader::run).map(RunNode::of);
	}

	@MutationMapping
	Mono<SyncView> pauseSync(@Argument String id) {
		return existing(id).flatMap((sync) -> this.syncs.pause(sync.id()).then(this.reader.sync(sync.id())));
	}

	@MutationMapping
	Mono<SyncView> resumeSync(@Argument String id) {
		return existing(id).flatMap((sync) -> this.syncs.resume(sync.id()).then(this.reader.sync(sync.id())));
	}

	@BatchMapping(typeName = "AudienceSync")
	Mono<Map<SyncView, DestinationView>> destination(List<SyncView> syncs) {
		return this.reader.destinations(syncs.stream().map(SyncView::destinationId).distinct().toList())
			.collectMap(DestinationView::id, Function.identity())
			.map((byId) -> syncs.stream()
				.filter((sync) -> byId.containsKey(sync.destinationId()))
				.collect(Collectors.toMap(Function.identity(), (sync) -> byId.get(sync.destinationId()))));
	}

	@SchemaMapping(typeName = "AudienceSync")
	Mono<Connection<RunNode>> runs(SyncView sync, @Argument int first, @Argument @Nullable String after) {
		return Mono.fromCallable(() -> (after != null) ? Ids.parse("after", after) : null)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((before) -> this.reader.runs(sync.id(), before.orElse(null), first + 1)
				.map(RunNode::of)
				.collectList())
			.map((runs) -> Connection.of(runs, first, (run) -> run.id().toString()));
	}

	@BatchMapping(typeName = "Segment")
	Mono<Map<SegmentEntity.Segment, List<SyncView>>> syncs(List<SegmentEntity.Segment> segments) {
		return this.reader.syncsOfSegments(segments.stream().map(SegmentEntity.Segment::id).toList())
			.collectMultimap(SyncView::segmentId)
			.map((bySegment) -> segments.stream()
				.collect(Collectors.toMap(Function.identity(),
						(segment) -> List.copyOf(bySegment.getOrDefault(segment.id(), List.of())), (a, b) -> a)));
	}

	private Mono<SyncView> existing(String id) {
		return Mono.fromCallable(() -> Ids.parse("id", id))
			.flatMap(this.reader::sync)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("no audience sync " + id)));
	}

	record CreateAudienceSyncInput(String segmentId, String segmentKey, String destinationId, SyncMode mode,
			String schedule) {

	}

}
