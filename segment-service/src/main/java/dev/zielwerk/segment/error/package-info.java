/**
 * Failures that reach clients, and the one place mapping them to GraphQL errors.
 */
@NullMarked
package dev.zielwerk.segment.error;

import org.jspecify.annotations.NullMarked;
