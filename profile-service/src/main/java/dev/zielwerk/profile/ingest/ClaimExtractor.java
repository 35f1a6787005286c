package dev.zielwerk.profile.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.zielwerk.profile.identity.Claim;
import dev.zielwerk.profile.identity.IdentifierNormalizer;
import dev.zielwerk.profile.identity.IdentityType;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The identifiers a Segment-spec message carries: userId, anonymousId, e-mail and phone
 * from traits and {@code context.traits}, {@code context.device.id}, external ids
 * ({@code context.externalIds}, {@code traits.externalIds}) and an alias's previousId.
 * Group traits describe a company, so their e-mail is not the person's.
 */
@Component
final class ClaimExtractor {

	private final IdentifierNormalizer normalizer;

	ClaimExtractor(IdentifierNormalizer normalizer) {
		this.normalizer = normalizer;
	}

	List<Claim> claims(SegmentMessage message) {
		Set<Claim> claims = new LinkedHashSet<>();
		add(claims, IdentityType.USER_ID, message.userId(), true);
		add(claims, IdentityType.ANONYMOUS_ID, message.anonymousId(), true);
		if (message.kind() != EventKind.GROUP) {
			personal(claims, message.traits());
		}
		if (message.context().get("traits") instanceof Map<?, ?> contextTraits) {
			personal(claims, contextTraits);
		}
		if (message.context().get("device") instanceof Map<?, ?> device) {
			add(claims, IdentityType.DEVICE_ID, string(device.get("id")), true);
		}
		if (message.context().get("externalIds") instanceof List<?> externalIds) {
			for (Object item : externalIds) {
				if (item instanceof Map<?, ?> external) {
					String type = string(external.get("type"));
					String id = string(external.get("id"));
					if (type != null && id != null) {
						add(claims, IdentityType.CUSTOM, type + ":" + id, true);
					}
				}
			}
		}
		if (message.kind() == EventKind.ALIAS) {
			// previousId is an earlier user id or an anonymous id; only the latter is
			// linked
			add(claims, IdentityType.USER_ID, message.previousId(), false);
			add(claims, IdentityType.ANONYMOUS_ID, message.previousId(), true);
		}
		return new ArrayList<>(claims);
	}

	private void personal(Set<Claim> claims, Map<?, ?> traits) {
		add(claims, IdentityType.EMAIL, string(traits.get("email")), true);
		add(claims, IdentityType.PHONE, string(traits.get("phone")), true);
		if (traits.get("externalIds") instanceof Map<?, ?> externalIds) {
			externalIds.forEach((namespace, id) -> {
				String value = string(id);
				if (value != null) {
					add(claims, IdentityType.CUSTOM, namespace + ":" + value, true);
				}
			});
		}
	}

	private void add(Set<Claim> claims, IdentityType type, @Nullable String raw, boolean linkable) {
		if (raw != null) {
			this.normalizer.normalize(type, raw).ifPresent((identifier) -> claims.add(new Claim(identifier, linkable)));
		}
	}

	private static @Nullable String string(@Nullable Object value) {
		if (value instanceof String text) {
			return text;
		}
		return (value instanceof Number number) ? number.toString() : null;
	}

}
