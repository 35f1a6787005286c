/**
 * API errors and the one place that turns failures into GraphQL errors with
 * {@code extensions.code}.
 */
@NullMarked
package dev.zielwerk.connectors.error;

import org.jspecify.annotations.NullMarked;
