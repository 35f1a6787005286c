/**
 * The segment service: rules, evaluation and membership (grows in its own issue).
 */
@NullMarked
package dev.zielwerk.segment;

import org.jspecify.annotations.NullMarked;
