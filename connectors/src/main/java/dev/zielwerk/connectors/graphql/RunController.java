package dev.zielwerk.connectors.graphql;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import dev.zielwerk.connectors.error.InvalidInputException;
import dev.zielwerk.connectors.error.NotFoundException;
import dev.zielwerk.connectors.sync.RunStatus;
import dev.zielwerk.connectors.sync.SyncReader;
import dev.zielwerk.connectors.sync.SyncReader.RecordView;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * Sync runs and their rejected records through GraphQL.
 */
// like the sync beans it uses, only with a credential key (see SyncConfiguration)
@Controller
@ConditionalOnProperty("zielwerk.connectors.credential-key")
final class RunController {

	private static final Duration PROGRESS_POLL = Duration.ofMillis(250);

	private static final Set<RunStatus> TERMINAL = EnumSet.of(RunStatus.SUCCEEDED, RunStatus.PARTIAL, RunStatus.FAILED);

	private final SyncReader reader;

	RunController(SyncReader reader) {
		this.reader = reader;
	}

	@QueryMapping
	Mono<RunNode> syncRun(@Argument String id) {
		return Mono.fromCallable(() -> Ids.parse("id", id)).flatMap(this.reader::run).map(RunNode::of);
	}

	/**
	 * Polls the run's row rather than listening to the worker: any worker of any instance
	 * may be executing it, and the row is what each of them commits after every chunk.
	 */
	@SubscriptionMapping
	Flux<RunNode> syncRunProgress(@Argument String id) {
		return Mono.fromCallable(() -> Ids.parse("id", id))
			.flatMap((runId) -> this.reader.run(runId)
				.switchIfEmpty(Mono.error(() -> new NotFoundException("no sync run " + id)))
				.thenReturn(runId))
			.flatMapMany((runId) -> Flux.interval(Duration.ZERO, PROGRESS_POLL)
				.onBackpressureDrop()
				.concatMap((tick) -> this.reader.run(runId))
				.map(RunNode::of)
				.distinctUntilChanged()
				.takeUntil((run) -> TERMINAL.contains(run.status())));
	}

	@SchemaMapping(typeName = "SyncRun")
	Mono<Connection<RecordView>> rejectedRecords(RunNode run, @Argument int first, @Argument @Nullable String after) {
		return Mono.fromCallable(() -> cursor(after))
			.flatMap((seq) -> this.reader.rejected(run.id(), seq, first + 1).collectList())
			.map((records) -> Connection.of(records, first, (record) -> Long.toString(record.seq())));
	}

	private static long cursor(@Nullable String after) {
		if (after == null) {
			return 0;
		}
		try {
			return Long.parseLong(after);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("after", "not a cursor of this connection");
		}
	}

}
