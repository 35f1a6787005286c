/**
 * Destination clients: the small SPI a sync run uses to add and remove audience members
 * at a mail, ads or CMS system, plus the per-destination resilience every client applies
 * at its edge.
 */
@NullMarked
package dev.zielwerk.connectors.destination;

import org.jspecify.annotations.NullMarked;
