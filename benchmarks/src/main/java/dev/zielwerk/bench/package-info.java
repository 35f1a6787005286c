/**
 * Benchmarks: load generators run by hand that print their figures (BENCHMARKS.md). They
 * measure, they do not assert.
 */
@NullMarked
package dev.zielwerk.bench;

import org.jspecify.annotations.NullMarked;
