package dev.zielwerk.platform;

/**
 * The federated query the README documents ("Try it"), as the end-to-end test sends it.
 */
final class ZielwerkQueries {

	/**
	 * profile-service's profile, segment-service's Profile.segments, connectors'
	 * Segment.syncs.
	 */
	static final String PROFILE_WITH_SEGMENTS_AND_SYNCS = """
			query ProfileWithSegmentsAndSyncs($id: ID!) {
			  profile(id: $id) {
			    identities { type value }
			    consent { purpose status }
			    segments { key name size syncs { id schedule destination { name } } }
			  }
			}""";

	private ZielwerkQueries() {
	}

}
