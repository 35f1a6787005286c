package dev.zielwerk.segment.rule;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RuleJsonTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void writesEveryNodeAsAnObjectWithAKindInAStableShape() {
		ParsedRule rule = RuleParser
			.parse("traits.geo.country in [\"DE\"] and\n"
					+ "  sum(properties.revenue, event \"Order\" where properties.x exists within 30d) >= 10.50")
			.rule();
		String json = this.mapper.writeValueAsString(RuleJson.toJson(rule));
		assertThat(json).isEqualTo(
				"""
						{"kind":"and","line":1,"column":30,"operands":[\
						{"kind":"in","line":1,"column":20,"value":{"kind":"trait","line":1,"column":1,"path":["geo","country"]},\
						"list":[{"kind":"string","line":1,"column":24,"value":"DE"}]},\
						{"kind":"comparison","line":2,"column":79,\
						"left":{"kind":"aggregate","line":2,"column":3,"function":"sum",\
						"property":{"kind":"property","line":2,"column":7,"path":["revenue"]},\
						"event":{"kind":"event","line":2,"column":27,"name":"Order","any":false,\
						"filters":[{"kind":"propertyExists","line":2,"column":60,"path":["x"]}]},\
						"window":{"kind":"within","line":2,"column":67,"duration":{"amount":30,"unit":"d","text":"30d"}}},\
						"operator":">=","right":{"kind":"number","line":2,"column":82,"value":"10.5"}}]}""");
	}

	@Test
	void leavesPositionsOutForTreesWithoutThem() {
		Map<String, Object> json = RuleJson.toJson(RuleParser.parse("last(event any) before 7d ago").ast());
		assertThat(json).containsExactly(Map.entry("kind", "recency"), Map.entry("occurrence", "last"),
				Map.entry("event", Map.of("kind", "event", "any", true, "filters", List.of())),
				Map.entry("timing", "beforeAgo"),
				Map.entry("duration", Map.of("amount", 7L, "unit", "d", "text", "7d")));
	}

	@Test
	void givesEveryRandomTreeAKindOnEveryObject() {
		for (int seed = 0; seed < 300; seed++) {
			Condition ast = new RandomRules(new Random(seed)).condition(3);
			String json = this.mapper.writeValueAsString(RuleJson.toJson(ast));
			assertThat(this.mapper.readTree(json).findParents("kind")).isNotEmpty();
			assertThat(countObjectsWithoutKind(this.mapper.readTree(json))).as("seed %d", seed).isZero();
		}
	}

	private static int countObjectsWithoutKind(tools.jackson.databind.JsonNode node) {
		int count = 0;
		if (node.isObject() && !node.has("kind") && !node.has("amount")) {
			count++;
		}
		for (tools.jackson.databind.JsonNode child : node) {
			count += countObjectsWithoutKind(child);
		}
		return count;
	}

}
