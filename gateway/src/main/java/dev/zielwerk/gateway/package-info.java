/**
 * The gateway: the supergraph router in front of every subgraph (grows in its own issue).
 */
@NullMarked
package dev.zielwerk.gateway;

import org.jspecify.annotations.NullMarked;
