/**
 * Loading a supergraph SDL (Apollo join spec) into a typed model of subgraphs, keys and
 * fields, and deriving the API schema.
 */
@NullMarked
package dev.zielwerk.gateway.supergraph;

import org.jspecify.annotations.NullMarked;
