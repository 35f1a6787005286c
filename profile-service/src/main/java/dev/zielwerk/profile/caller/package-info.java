/**
 * Who is calling: the {@link dev.zielwerk.identity.CallerIdentity} the gateway sends in
 * the {@code X-Zielwerk-Identity} header, verified here and put into the GraphQL context,
 * and the rule that a partner caller reaches nothing but the partner fields. Kept apart
 * so that a shared subgraph guard can replace the verification without touching the
 * features that read the caller.
 */
@NullMarked
package dev.zielwerk.profile.caller;

import org.jspecify.annotations.NullMarked;
