package dev.zielwerk.profile.paging;

/** One item of a page and the cursor that continues after it. */
public record Edge<T>(String cursor, T node) {
}
