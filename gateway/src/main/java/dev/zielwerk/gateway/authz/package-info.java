/**
 * Authorization of operations before planning: the supergraph's {@code @authenticated}
 * and {@code @requiresScopes} rules, and deny-by-default for partner callers, applied to
 * the normalized operation. Unauthorized fields are taken out before the planner sees
 * them (so they are never fetched) and answered null with a FORBIDDEN error at their
 * path, or the whole operation is refused.
 */
@NullMarked
package dev.zielwerk.gateway.authz;

import org.jspecify.annotations.NullMarked;
