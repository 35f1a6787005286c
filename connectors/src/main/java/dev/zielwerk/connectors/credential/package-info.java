/**
 * Destination credentials: a secret value type that never prints, and their encryption at
 * rest with AES-GCM under a configured, rotatable key.
 */
@NullMarked
package dev.zielwerk.connectors.credential;

import org.jspecify.annotations.NullMarked;
