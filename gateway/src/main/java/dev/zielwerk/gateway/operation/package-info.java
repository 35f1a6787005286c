/**
 * Client operations: parsing, validation against the API schema, variable coercion and
 * normalization into a field tree.
 */
@NullMarked
package dev.zielwerk.gateway.operation;

import org.jspecify.annotations.NullMarked;
