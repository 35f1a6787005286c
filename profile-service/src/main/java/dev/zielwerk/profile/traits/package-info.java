/**
 * Traits in typed groups (demographic, geo, psychographic, technographic, firmographic,
 * custom) with provenance: mapping Segment-spec traits into groups, deriving
 * technographic traits from the user agent, and storing only what changed.
 */
@NullMarked
package dev.zielwerk.profile.traits;

import org.jspecify.annotations.NullMarked;
