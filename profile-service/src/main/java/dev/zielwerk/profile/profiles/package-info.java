/**
 * Reading profiles: by id (following merges to the survivor), by identity, and in
 * filtered pages.
 */
@NullMarked
package dev.zielwerk.profile.profiles;

import org.jspecify.annotations.NullMarked;
