/**
 * The segment service: segment definitions, batch, real-time and time-triggered
 * evaluation, membership.
 */
@NullMarked
package dev.zielwerk.segment;

import org.jspecify.annotations.NullMarked;
