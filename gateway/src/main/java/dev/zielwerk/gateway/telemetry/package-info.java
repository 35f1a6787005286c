/**
 * Telemetry: Micrometer metrics (Prometheus at {@code /actuator/prometheus}), W3C trace
 * context from the client to every subgraph fetch, and a request log line with operation
 * name and hash (never variables).
 */
@NullMarked
package dev.zielwerk.gateway.telemetry;

import org.jspecify.annotations.NullMarked;
