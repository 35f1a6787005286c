/**
 * PostgreSQL and Redis for local runs and tests: the configured servers when they answer,
 * else real PostgreSQL and Redis binaries shipped in Maven artifacts.
 */
@NullMarked
package dev.zielwerk.localinfra;

import org.jspecify.annotations.NullMarked;
