/**
 * Who is calling: JWT bearer tokens (HS256 with a shared secret, RS256 and ES256 through
 * a JWKS URL with key rotation) and API keys stored as SHA-256 hashes, turned into a
 * {@link dev.zielwerk.identity.CallerIdentity}; the identity travels in the Reactor
 * context ({@link dev.zielwerk.gateway.security.CallerContext}) to authorization and to
 * every subgraph fetch, where it becomes the signed {@code X-Zielwerk-Identity} header.
 */
@NullMarked
package dev.zielwerk.gateway.security;

import org.jspecify.annotations.NullMarked;
