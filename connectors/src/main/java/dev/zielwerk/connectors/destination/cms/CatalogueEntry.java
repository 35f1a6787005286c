package dev.zielwerk.connectors.destination.cms;

import org.jspecify.annotations.Nullable;

/**
 * One segment as editors see it in the CMS: what it is, never who is in it.
 *
 * @param key the segment key the decide endpoint answers
 * @param name the display name
 * @param description the description, if any
 */
public record CatalogueEntry(String key, String name, @Nullable String description) {

}
