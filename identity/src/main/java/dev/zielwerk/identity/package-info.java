/**
 * Who is calling, as the gateway tells the subgraphs. The gateway verifies the client's
 * JWT or API key, then sends {@link dev.zielwerk.identity.CallerIdentity} to every
 * subgraph fetch in the {@value IdentityTokens#HEADER} header as a compact HS256 JWS
 * signed with {@code zielwerk.identity.secret}; subgraphs verify it with
 * {@link IdentityTokens} and never read identity from anything a client could set.
 */
@NullMarked
package dev.zielwerk.identity;

import org.jspecify.annotations.NullMarked;
