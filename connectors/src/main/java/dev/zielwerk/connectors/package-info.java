/**
 * The connectors service: destinations and audience syncs (grows in its own issue).
 */
@NullMarked
package dev.zielwerk.connectors;

import org.jspecify.annotations.NullMarked;
