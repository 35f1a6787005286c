/**
 * The service's error vocabulary and the one place that turns exceptions into GraphQL
 * errors with {@code extensions.code}.
 */
@NullMarked
package dev.zielwerk.profile.error;

import org.jspecify.annotations.NullMarked;
