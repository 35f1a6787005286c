/**
 * Relay-style pages (edges with opaque cursors and page info) shared by every list that
 * pages with {@code first}/{@code after}.
 */
@NullMarked
package dev.zielwerk.profile.paging;

import org.jspecify.annotations.NullMarked;
