/**
 * Segment definitions: storage, the life cycle (create, update, pause, resume, delete)
 * and the parsed, ordered view of the active rules the engine evaluates.
 */
@NullMarked
package dev.zielwerk.segment.segments;

import org.jspecify.annotations.NullMarked;
