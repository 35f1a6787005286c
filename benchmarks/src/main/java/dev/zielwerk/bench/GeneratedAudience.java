package dev.zielwerk.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.sync.AudienceEntry;
import dev.zielwerk.connectors.sync.AudiencePage;
import dev.zielwerk.connectors.sync.AudienceSource;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A segment of {@code size} members generated page by page, never held in memory: member
 * {@code i} has the key {@code p%08d} (so key order is index order and the cursor is the
 * last key), an e-mail and a phone, and ADVERTISING consent except every 100th member.
 * After {@link #churn(double)}, a share of the members has left (every k-th) and as many
 * new ones have joined (indexes from {@code size} on).
 */
final class GeneratedAudience implements AudienceSource {

	private static final Set<ConsentPurpose> CONSENTED = EnumSet.of(ConsentPurpose.ADVERTISING,
			ConsentPurpose.EMAIL_MARKETING);

	private static final Set<ConsentPurpose> NOT_CONSENTED = EnumSet.of(ConsentPurpose.EMAIL_MARKETING);

	private final int size;

	private volatile int leaveEvery;

	private volatile int joined;

	GeneratedAudience(int size) {
		this.size = size;
	}

	/**
	 * Changes the audience by a share of its size: half of it leaves, as many join.
	 * @param share e.g. 0.05 for 5%
	 */
	void churn(double share) {
		int changes = (int) Math.round(this.size * share / 2);
		this.leaveEvery = (changes > 0) ? this.size / changes : 0;
		this.joined = changes;
	}

	/** Members now. */
	int members() {
		int left = (this.leaveEvery > 0) ? (this.size + this.leaveEvery - 1) / this.leaveEvery : 0;
		return this.size - left + this.joined;
	}

	@Override
	public Mono<AudiencePage> page(String segmentId, @Nullable List<String> profileIds, int first,
			@Nullable String after) {
		return Mono.fromCallable(() -> {
			if (profileIds != null) {
				List<AudienceEntry> entries = new ArrayList<>();
				for (String id : profileIds) {
					int index = Integer.parseInt(id.substring(1));
					if (isMember(index)) {
						entries.add(entry(index));
					}
				}
				return new AudiencePage(entries, null, false);
			}
			int end = this.size + this.joined;
			int index = (after != null) ? Integer.parseInt(after.substring(1)) + 1 : 0;
			List<AudienceEntry> entries = new ArrayList<>(first);
			while (index < end && entries.size() < first) {
				if (isMember(index)) {
					entries.add(entry(index));
				}
				index++;
			}
			String last = entries.isEmpty() ? after : entries.get(entries.size() - 1).member().key();
			return new AudiencePage(entries, last, index < end);
		});
	}

	private boolean isMember(int index) {
		if (index >= this.size) {
			return index < this.size + this.joined;
		}
		return this.leaveEvery == 0 || index % this.leaveEvery != 0;
	}

	private static AudienceEntry entry(int index) {
		String key = String.format("p%08d", index);
		AudienceMember member = new AudienceMember(key, "Member." + index + "@Example.com",
				"+49 151 " + (10_000_000 + index), null, null, null, null);
		return new AudienceEntry(member, (index % 100 == 99) ? NOT_CONSENTED : CONSENTED);
	}

}
