/**
 * Shared test infrastructure: real PostgreSQL and Redis for every test class, from the
 * environment, Testcontainers or embedded binaries, and one fresh database per test
 * class.
 */
@NullMarked
package dev.zielwerk.testsupport;

import org.jspecify.annotations.NullMarked;
