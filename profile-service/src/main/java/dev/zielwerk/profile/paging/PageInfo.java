package dev.zielwerk.profile.paging;

import org.jspecify.annotations.Nullable;

/** Whether more items follow and the cursor to ask for them. */
public record PageInfo(boolean hasNextPage, @Nullable String endCursor) {
}
