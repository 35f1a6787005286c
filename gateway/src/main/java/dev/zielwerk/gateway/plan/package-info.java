/**
 * The query planner: turns a normalized operation into a tree of subgraph fetches.
 */
@NullMarked
package dev.zielwerk.gateway.plan;

import org.jspecify.annotations.NullMarked;
