package dev.zielwerk.connectors.destination;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * A client for one configured destination audience (a Mailchimp list, a Meta custom
 * audience, a Google Customer Match user list, a HubSpot list, a webhook endpoint).
 * <p>
 * Contract for sync runs:
 * <ul>
 * <li>callers pass only members whose consent covers {@link #purpose()} to
 * {@link #add(List)}; a member whose consent is withdrawn or who is erased is passed to
 * {@link #remove(List)}, which needs no consent;</li>
 * <li>lists up to {@link #maxBatchSize()} are sent as one unit of work; the client splits
 * them further to the destination's per-request limits;</li>
 * <li>the {@link BatchResult} has one outcome per member; a whole-batch refusal caused by
 * one bad record is bisected so only that record is rejected;</li>
 * <li>the returned {@code Mono} fails only when the destination could not take the batch
 * at all (retries exhausted, circuit open, credentials refused): the caller keeps its
 * checkpoint and tries again later.</li>
 * </ul>
 * Adds and removes are set operations at every destination, so re-sending is safe.
 */
public interface DestinationClient extends AutoCloseable {

	DestinationType type();

	/**
	 * The consent purpose a member must have granted to be added.
	 * @return the purpose
	 */
	ConsentPurpose purpose();

	/**
	 * The largest list {@link #add(List)} and {@link #remove(List)} take in one call.
	 * @return the batch size
	 */
	int maxBatchSize();

	/**
	 * Adds members to the destination audience.
	 * @param members at most {@link #maxBatchSize()} members
	 * @return one outcome per member
	 */
	Mono<BatchResult> add(List<AudienceMember> members);

	/**
	 * Removes members from the destination audience.
	 * @param members at most {@link #maxBatchSize()} members
	 * @return one outcome per member
	 */
	Mono<BatchResult> remove(List<AudienceMember> members);

	/**
	 * Checks that the credentials work and the audience exists and accepts changes,
	 * without changing anything (a signed test event for webhooks).
	 * @return completes when usable; fails with a {@link DestinationException} saying why
	 * not
	 */
	Mono<Void> verifyAccess();

	/**
	 * Erases members at the destination (GDPR Art. 17, told to every recipient per Art.
	 * 19) with the strongest deletion it offers: Mailchimp {@code delete-permanent},
	 * HubSpot GDPR delete, a {@code profile.erased} webhook event; Meta and Google offer
	 * removal only. A person the destination does not know counts as erased. Needs no
	 * consent.
	 * @param members at most {@link #maxBatchSize()} members
	 * @return one outcome per member
	 */
	Mono<BatchResult> erase(List<AudienceMember> members);

	/**
	 * The destination's rate limiter, retry, circuit breaker and bulkhead.
	 * @return its resilience set
	 */
	DestinationResilience resilience();

	/**
	 * Releases the destination's connection pool.
	 */
	@Override
	void close();

}
