/**
 * Demo data: a seeded synthetic population sent through the real ingestion path, and the
 * segments the field talks about.
 */
@NullMarked
package dev.zielwerk.demo;

import org.jspecify.annotations.NullMarked;
