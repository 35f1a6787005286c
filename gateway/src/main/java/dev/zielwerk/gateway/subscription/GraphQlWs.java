package dev.zielwerk.gateway.subscription;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The graphql-ws protocol ({@code graphql-transport-ws}): message types, close codes and
 * the messages both legs write.
 */
final class GraphQlWs {

	static final String PROTOCOL = "graphql-transport-ws";

	static final String CONNECTION_INIT = "connection_init";

	static final String CONNECTION_ACK = "connection_ack";

	static final String PING = "ping";

	static final String PONG = "pong";

	static final String SUBSCRIBE = "subscribe";

	static final String NEXT = "next";

	static final String ERROR = "error";

	static final String COMPLETE = "complete";

	/** An invalid message. */
	static final int BAD_REQUEST = 4400;

	/** A subscribe before the connection was acknowledged. */
	static final int UNAUTHORIZED = 4401;

	/** The authenticator rejected the connection. */
	static final int FORBIDDEN = 4403;

	/** No {@code connection_init} in time. */
	static final int INIT_TIMEOUT = 4408;

	/** A subscribe with an id that is already active. */
	static final int DUPLICATE_ID = 4409;

	/** A second {@code connection_init}. */
	static final int TOO_MANY_INIT = 4429;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final ObjectMapper mapper;

	GraphQlWs(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	String message(String type) {
		return write(NODES.objectNode().put("type", type));
	}

	String message(String type, @Nullable JsonNode payload) {
		ObjectNode message = NODES.objectNode().put("type", type);
		if (payload != null) {
			message.set("payload", payload);
		}
		return write(message);
	}

	String message(String type, String id, @Nullable JsonNode payload) {
		ObjectNode message = NODES.objectNode().put("id", id).put("type", type);
		if (payload != null) {
			message.set("payload", payload);
		}
		return write(message);
	}

	String errors(String id, List<ObjectNode> errors) {
		return message(ERROR, id, NODES.arrayNode().addAll(errors));
	}

	String write(JsonNode node) {
		return this.mapper.writeValueAsString(node);
	}

	@Nullable JsonNode read(String text) {
		try {
			return this.mapper.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

}
