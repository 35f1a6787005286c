package dev.zielwerk.connectors.sync;

import java.util.Set;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.ConsentPurpose;

/**
 * One segment member as a sync run sees it: the identifiers a destination may match on
 * and the purposes the person's consent currently covers (granted and not expired).
 *
 * @param member the member, keyed by profile id
 * @param consented the purposes with effective consent now
 */
public record AudienceEntry(AudienceMember member, Set<ConsentPurpose> consented) {

	public AudienceEntry {
		consented = Set.copyOf(consented);
	}

	public boolean consentsTo(ConsentPurpose purpose) {
		return this.consented.contains(purpose);
	}

}
