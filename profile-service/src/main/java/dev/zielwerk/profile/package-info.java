/**
 * The profile service: profiles, identities, events, consent and erasure.
 */
@NullMarked
package dev.zielwerk.profile;

import org.jspecify.annotations.NullMarked;
