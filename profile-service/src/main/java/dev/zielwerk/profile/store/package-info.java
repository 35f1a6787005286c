/**
 * Persistence plumbing shared by the profile service's features: the R2DBC connection
 * setup, time-ordered ids and JSON columns.
 */
@NullMarked
package dev.zielwerk.profile.store;

import org.jspecify.annotations.NullMarked;
