package dev.zielwerk.connectors.sync;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a segment's members, in the order of the source's cursor.
 *
 * @param entries the members of the page
 * @param endCursor the cursor after the page's last member, or {@code null} when the page
 * is empty
 * @param hasNextPage whether more members follow
 */
public record AudiencePage(List<AudienceEntry> entries, @Nullable String endCursor, boolean hasNextPage) {

	public AudiencePage {
		entries = List.copyOf(entries);
	}

}
