/**
 * A generic webhook destination signed per the Standard Webhooks specification 1.0.0.
 */
@NullMarked
package dev.zielwerk.connectors.destination.webhook;

import org.jspecify.annotations.NullMarked;
