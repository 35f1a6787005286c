/**
 * Executes query plans against subgraphs over HTTP and shapes the merged result as the
 * client asked.
 */
@NullMarked
package dev.zielwerk.gateway.execute;

import org.jspecify.annotations.NullMarked;
