/**
 * Mailchimp Marketing API v3: batch subscribe and unsubscribe on a list, static segment
 * (tag) membership, compliance-safe re-subscription through {@code pending}.
 */
@NullMarked
package dev.zielwerk.connectors.destination.mailchimp;

import org.jspecify.annotations.NullMarked;
