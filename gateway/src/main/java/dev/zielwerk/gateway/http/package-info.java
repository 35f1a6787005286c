/**
 * The GraphQL over HTTP endpoint of the gateway.
 */
@NullMarked
package dev.zielwerk.gateway.http;

import org.jspecify.annotations.NullMarked;
