/**
 * Storage wiring: the R2DBC connection schema, Redis key names and the clock.
 */
@NullMarked
package dev.zielwerk.segment.store;

import org.jspecify.annotations.NullMarked;
