/**
 * Local fakes of the destination APIs: loopback HTTP servers that validate requests like
 * the real APIs and can be told to misbehave.
 */
@NullMarked
package dev.zielwerk.connectors.destination.fake;

import org.jspecify.annotations.NullMarked;
