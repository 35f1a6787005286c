/**
 * Erasure of a person (GDPR Art. 17): deleting every row about them and the profiles
 * merged into them, keeping only hashed identifiers for suppression and an audit entry
 * without personal data, and telling the stream's consumers to follow.
 */
@NullMarked
package dev.zielwerk.profile.erasure;

import org.jspecify.annotations.NullMarked;
