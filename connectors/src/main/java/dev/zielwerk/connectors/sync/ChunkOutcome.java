package dev.zielwerk.connectors.sync;

import dev.zielwerk.connectors.destination.BatchResult;

/**
 * What the destination did with one chunk's adds and removes.
 *
 * @param adds the outcome of the adds
 * @param removes the outcome of the removes
 */
record ChunkOutcome(BatchResult adds, BatchResult removes) {

}
