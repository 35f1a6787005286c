package dev.zielwerk.connectors.sync;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.zielwerk.connectors.destination.DestinationClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Executes a claimed run chunk by chunk. A full run pages the audience (phase
 * {@code MEMBERS}) and, in mirror mode, then removes the members it did not see (phase
 * {@code LEAVERS}); a real-time run looks at the profiles in its scope (phase
 * {@code SCOPE}). Each chunk is planned, sent, and committed with its checkpoint before
 * the next one starts, so a run stopped anywhere resumes after its last commit.
 */
final class RunEngine {

	private final AudienceSource source;

	private final DestinationRegistry destinations;

	private final SyncedMembers synced;

	private final ChunkLedger ledger;

	private final RunStore runs;

	private final MemberVault vault;

	private final int pageSize;

	RunEngine(AudienceSource source, DestinationRegistry destinations, SyncedMembers synced, ChunkLedger ledger,
			RunStore runs, MemberVault vault, int pageSize) {
		this.source = source;
		this.destinations = destinations;
		this.synced = synced;
		this.ledger = ledger;
		this.runs = runs;
		this.vault = vault;
		this.pageSize = pageSize;
	}

	/**
	 * Runs to the end.
	 * @param run the claimed run
	 * @param owner the worker holding its lease
	 * @return progress after each committed chunk, then the finished run
	 */
	Flux<RunProgress> execute(ClaimedRun run, String owner) {
		return this.destinations.client(run.destinationId()).flatMapMany((client) -> {
			Execution execution = new Execution(run, owner, client, Math.min(this.pageSize, client.maxBatchSize()),
					new ChunkPlanner(run.mode(), client.purpose()));
			Flux<RunProgress> chunks = run.fullAudience() ? execution.full() : execution.scoped();
			return chunks.concatWith(Mono.defer(() -> this.runs.finish(run.id(), owner))
				.map((status) -> new RunProgress(run.id(), RunCounts.ZERO, status, false, "")));
		});
	}

	private final class Execution {

		private final ClaimedRun run;

		private final String owner;

		private final DestinationClient client;

		private final int size;

		private final ChunkPlanner planner;

		Execution(ClaimedRun run, String owner, DestinationClient client, int size, ChunkPlanner planner) {
			this.run = run;
			this.owner = owner;
			this.client = client;
			this.size = size;
			this.planner = planner;
		}

		Flux<RunProgress> full() {
			Checkpoint start = this.run.checkpoint();
			Flux<RunProgress> members = Checkpoint.LEAVERS.equals(start.phase()) ? Flux.empty()
					: memberPage(start.cursor())
						.expand((progress) -> progress.more() ? memberPage(cursorOf(progress)) : Mono.empty());
			if (this.run.mode() != SyncMode.MIRROR) {
				return members;
			}
			String leaversAfter = Checkpoint.LEAVERS.equals(start.phase()) ? after(start) : "";
			return members.concatWith(Flux.defer(() -> leavers(leaversAfter)
				.expand((progress) -> progress.more() ? leavers(afterOf(progress)) : Mono.empty())));
		}

		Flux<RunProgress> scoped() {
			return scopeChunk(after(this.run.checkpoint()))
				.expand((progress) -> progress.more() ? scopeChunk(afterOf(progress)) : Mono.empty());
		}

		private Mono<RunProgress> memberPage(@Nullable String cursor) {
			return RunEngine.this.source.page(this.run.segmentId(), null, this.size, cursor).flatMap((page) -> {
				List<String> keys = page.entries().stream().map((entry) -> entry.member().key()).toList();
				String next = (page.endCursor() != null) ? page.endCursor() : cursor;
				return chunk(page.entries(), List.of(), Set.of(), keys, new Checkpoint(Checkpoint.MEMBERS, next, null),
						page.hasNextPage());
			});
		}

		private Mono<RunProgress> leavers(String after) {
			return RunEngine.this.synced.leavers(this.run.syncId(), this.run.id(), after, this.size)
				.filter((states) -> !states.isEmpty())
				.flatMap((states) -> {
					List<String> keys = states.stream().map(SyncedState::key).toList();
					return chunk(List.of(), keys, Set.of(), keys,
							new Checkpoint(Checkpoint.LEAVERS, null, keys.get(keys.size() - 1)),
							states.size() == this.size);
				});
		}

		private Mono<RunProgress> scopeChunk(String after) {
			return RunEngine.this.runs.scope(this.run.id(), after, this.size)
				.collectList()
				.filter((scope) -> !scope.isEmpty())
				.flatMap((scope) -> {
					List<String> keys = scope.stream().map(RunStore.ScopeEntry::key).toList();
					Set<String> withdrawn = scope.stream()
						.filter(RunStore.ScopeEntry::consentWithdrawn)
						.map(RunStore.ScopeEntry::key)
						.collect(Collectors.toSet());
					return RunEngine.this.source.page(this.run.segmentId(), keys, keys.size(), null).flatMap((page) -> {
						Set<String> absent = new HashSet<>(keys);
						page.entries().forEach((entry) -> absent.remove(entry.member().key()));
						return chunk(page.entries(), absent, withdrawn, keys,
								new Checkpoint(Checkpoint.SCOPE, null, keys.get(keys.size() - 1)),
								keys.size() == this.size);
					});
				});
		}

		private Mono<RunProgress> chunk(List<AudienceEntry> present, Collection<String> absent, Set<String> withdrawn,
				List<String> keys, Checkpoint checkpoint, boolean more) {
			return RunEngine.this.synced.states(this.run.syncId(), keys).flatMap((states) -> {
				ChunkPlan plan = this.planner.plan(present, absent, withdrawn, states,
						(state) -> RunEngine.this.vault.open(this.run.syncId(), state.key(), state.sealed()));
				return ChunkSender.send(this.client, plan)
					.flatMap((outcome) -> RunEngine.this.ledger.commit(this.run, this.owner, checkpoint, plan, outcome))
					.map((counts) -> new RunProgress(this.run.id(), counts, RunStatus.RUNNING, more,
							checkpoint.json()));
			});
		}

	}

	private static @Nullable String cursorOf(RunProgress progress) {
		return Checkpoint.parse(progress.checkpoint()).cursor();
	}

	private static String afterOf(RunProgress progress) {
		return after(Checkpoint.parse(progress.checkpoint()));
	}

	private static String after(Checkpoint checkpoint) {
		return (checkpoint.after() != null) ? checkpoint.after() : "";
	}

}
