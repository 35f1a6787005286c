/**
 * Identity resolution: normalizing identifiers, finding the one profile a message belongs
 * to, merging profiles that turn out to be one person, and the guardrails (limits per
 * identifier type, blocked values) that keep bad data from merging strangers.
 */
@NullMarked
package dev.zielwerk.profile.identity;

import org.jspecify.annotations.NullMarked;
