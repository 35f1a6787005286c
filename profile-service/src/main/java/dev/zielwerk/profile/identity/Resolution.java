package dev.zielwerk.profile.identity;

import java.util.List;
import java.util.UUID;

import dev.zielwerk.profile.outbox.StreamMessage;

/**
 * The outcome of resolving a batch: the profile of each message (in message order, after
 * all merges), the profiles created, and the {@code merge} stream messages the caller
 * appends to the outbox.
 */
public record Resolution(List<UUID> profileOfMessage, List<UUID> newProfiles, List<StreamMessage> mergeMessages) {
}
