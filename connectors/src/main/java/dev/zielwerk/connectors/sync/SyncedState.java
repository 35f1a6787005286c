package dev.zielwerk.connectors.sync;

/**
 * What a destination has for one member, as far as this sync sent it.
 *
 * @param key the member key
 * @param identifiersHash hash of the identifiers last sent
 * @param in whether the member is in the destination audience
 * @param sealed the identifiers last sent, encrypted
 */
record SyncedState(String key, String identifiersHash, boolean in, String sealed) {

}
