package dev.zielwerk.connectors.sync;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.RecordOutcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells every destination a profile was ever sent to that it is erased (GDPR Art. 17 with
 * Art. 19), with the identifiers that destination holds, then forgets what was sent, and
 * then deletes the profile's run records (accepted and rejected rows with their reasons)
 * and run scopes, so no personal data about them stays in connectors' tables. A
 * destination that rejects the erasure keeps its row, and the erasure fails so it is
 * tried again.
 */
final class ErasureFanOut {

	private final SyncedMembers synced;

	private final DestinationRegistry destinations;

	private final MemberVault vault;

	ErasureFanOut(SyncedMembers synced, DestinationRegistry destinations, MemberVault vault) {
		this.synced = synced;
		this.destinations = destinations;
		this.vault = vault;
	}

	/**
	 * Erases profiles at every destination that has them.
	 * @param profileIds the erased profiles (and the profiles merged into them)
	 * @return how many destination records were erased
	 */
	Mono<Long> erase(Collection<String> profileIds) {
		return this.synced.heldBy(profileIds).flatMapMany((held) -> {
			Map<java.util.UUID, List<SyncedMembers.Held>> bySync = held.stream()
				.collect(Collectors.groupingBy(SyncedMembers.Held::syncId));
			return Flux.fromIterable(bySync.values()).flatMap(this::eraseAt);
		}).reduce(0L, Long::sum).flatMap((erased) -> this.synced.forgetRuns(profileIds).thenReturn(erased));
	}

	private Mono<Long> eraseAt(List<SyncedMembers.Held> held) {
		SyncedMembers.Held first = held.get(0);
		List<AudienceMember> members = held.stream()
			.map((h) -> this.vault.open(h.syncId(), h.state().key(), h.state().sealed()))
			.toList();
		return this.destinations.client(first.destinationId())
			.flatMap((client) -> client.erase(members))
			.flatMap((result) -> {
				List<String> erased = result.accepted().stream().map(RecordOutcome::key).toList();
				Mono<Long> forget = erased.isEmpty() ? Mono.just(0L) : this.synced.forget(first.syncId(), erased);
				if (!result.rejected().isEmpty()) {
					return forget.then(Mono.error(new IllegalStateException(result.rejected().size()
							+ " erasures were rejected by destination " + first.destinationId())));
				}
				return forget;
			});
	}

}
