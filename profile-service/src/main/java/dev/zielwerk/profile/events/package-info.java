/**
 * Reading a person's events: filtered, newest first, in keyset pages, for many profiles
 * in one query.
 */
@NullMarked
package dev.zielwerk.profile.events;

import org.jspecify.annotations.NullMarked;
