package dev.zielwerk.demo;

import java.util.List;
import java.util.Map;

/**
 * One generated person and everything sent about them, in time order.
 *
 * @param index position in the population (0-based)
 * @param userId the {@code userId} of every message after the first identify
 * @param email their e-mail address (an identifier)
 * @param persona how they behave
 * @param country ISO country code of their address
 * @param messages Segment-spec messages ({@code type}, {@code messageId},
 * {@code timestamp}, ...), ready to be sent in a {@code /v1/batch}
 */
public record DemoPerson(int index, String userId, String email, Persona persona, String country,
		List<Map<String, Object>> messages) {

	/** The behavioural events among the messages (identify calls excluded). */
	public long events() {
		return this.messages.stream().filter((message) -> !"identify".equals(message.get("type"))).count();
	}

}
