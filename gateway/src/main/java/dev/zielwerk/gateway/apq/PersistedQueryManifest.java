package dev.zielwerk.gateway.apq;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An Apollo persisted query manifest:
 * {@code {"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id","name","type","body"}]}}.
 * Clients send an operation's {@code id} as {@code extensions.persistedQuery.sha256Hash};
 * ids are usually the SHA-256 of the body but need not be.
 *
 * @param operations the registered operations
 */
public record PersistedQueryManifest(List<Operation> operations) {

	static final String FORMAT = "apollo-persisted-query-manifest";

	/**
	 * One registered operation.
	 *
	 * @param id what clients send as the hash
	 * @param name the operation name, may be empty
	 * @param body the document text
	 */
	public record Operation(String id, String name, String body) {
	}

	/**
	 * Reads a manifest.
	 * @param json the manifest text
	 * @param mapper JSON reading
	 * @param source where it came from, for error messages
	 * @return the manifest
	 * @throws IllegalArgumentException naming what is wrong and where
	 */
	public static PersistedQueryManifest parse(byte[] json, ObjectMapper mapper, String source) {
		JsonNode root;
		try {
			root = mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The persisted query manifest " + source + " is not valid JSON.");
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("The persisted query manifest " + source + " must be a JSON object.");
		}
		if (!FORMAT.equals(root.path("format").asString(""))) {
			throw new IllegalArgumentException("The persisted query manifest " + source + " must have \"format\": \""
					+ FORMAT + "\" (Apollo's manifest format).");
		}
		if (root.path("version").asInt(0) != 1) {
			throw new IllegalArgumentException("The persisted query manifest " + source + " has version "
					+ root.path("version") + "; only version 1 is understood.");
		}
		JsonNode operations = root.get("operations");
		if (operations == null || !operations.isArray()) {
			throw new IllegalArgumentException(
					"The persisted query manifest " + source + " must have an \"operations\" array.");
		}
		List<Operation> parsed = new ArrayList<>();
		for (int i = 0; i < operations.size(); i++) {
			JsonNode operation = operations.get(i);
			String id = text(operation.get("id"));
			String body = text(operation.get("body"));
			if (id == null || id.isEmpty() || id.length() > PersistedQueries.MAX_ID_LENGTH || body == null
					|| body.isBlank()) {
				throw new IllegalArgumentException("Operation " + i + " of the persisted query manifest " + source
						+ " needs a non-empty \"id\" (at most " + PersistedQueries.MAX_ID_LENGTH
						+ " characters) and \"body\".");
			}
			String name = text(operation.get("name"));
			parsed.add(new Operation(id, (name != null) ? name : "", body));
		}
		return new PersistedQueryManifest(List.copyOf(parsed));
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

}
