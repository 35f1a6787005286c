/**
 * Opens the right destination client for a destination's settings, with that
 * destination's published limits. Kept apart from the SPI so the SPI does not depend on
 * its implementations.
 */
@NullMarked
package dev.zielwerk.connectors.destination.clients;

import org.jspecify.annotations.NullMarked;
