package dev.zielwerk.profile.partner;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One row a partner sends: the hash of an identifier of a shared person and the traits
 * the partner holds about them (a null value removes that trait).
 */
public record PartnerTraitRow(String sha256, Map<String, @Nullable Object> traits) {
}
