/**
 * HubSpot Lists v3: contacts resolved to record ids (batch upsert for adds, batch read
 * for removes), then list memberships added or removed.
 */
@NullMarked
package dev.zielwerk.connectors.destination.hubspot;

import org.jspecify.annotations.NullMarked;
