/**
 * Composing a supergraph (Apollo join spec) from subgraph SDLs with the Federation 2
 * rules, reporting precise composition errors.
 */
@NullMarked
package dev.zielwerk.gateway.composition;

import org.jspecify.annotations.NullMarked;
