/**
 * Limits that reject abusive operations before any subgraph is called (document size,
 * parser tokens, depth, aliases, root fields, estimated cost) and the HTTP hygiene rules
 * (CSRF preflight, batching, introspection and GraphiQL switches, error masking).
 */
@NullMarked
package dev.zielwerk.gateway.limits;

import org.jspecify.annotations.NullMarked;
