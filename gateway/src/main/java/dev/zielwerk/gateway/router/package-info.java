/**
 * Ties the supergraph, planner and executor together: caches, introspection and the
 * request pipeline.
 */
@NullMarked
package dev.zielwerk.gateway.router;

import org.jspecify.annotations.NullMarked;
