package dev.zielwerk.demo;

/**
 * A segment of the demo set, as {@code createSegment} takes it.
 *
 * @param key stable key, used by {@code in segment "key"}
 * @param name display name
 * @param description what it is for
 * @param rule the rule in the language of RULES.md
 */
public record DemoSegment(String key, String name, String description, String rule) {
}
