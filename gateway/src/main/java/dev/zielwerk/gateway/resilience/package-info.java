/**
 * Resilience at the subgraph edge (timeout, circuit breaker, bulkhead, retries for
 * queries; Resilience4j on Reactor), per subgraph with defaults, and the supergraph
 * reload that swaps in a changed supergraph file without dropping requests in flight.
 */
@NullMarked
package dev.zielwerk.gateway.resilience;

import org.jspecify.annotations.NullMarked;
