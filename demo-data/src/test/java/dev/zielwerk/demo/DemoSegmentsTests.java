package dev.zielwerk.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.zielwerk.segment.rule.ParseResult;
import dev.zielwerk.segment.rule.RuleValidator;
import dev.zielwerk.segment.rule.SegmentCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every demo rule passes segment-service's own parser and validator, in creation order.
 */
class DemoSegmentsTests {

	@Test
	void everyRuleValidatesAgainstTheSegmentsCreatedBeforeIt() {
		Map<String, Set<String>> created = new HashMap<>();
		SegmentCatalog catalog = new SegmentCatalog() {

			@Override
			public boolean exists(String key) {
				return created.containsKey(key);
			}

			@Override
			public Set<String> references(String key) {
				return created.getOrDefault(key, Set.of());
			}

			@Override
			public Set<String> keys() {
				return created.keySet();
			}

		};
		RuleValidator validator = new RuleValidator(catalog);
		for (DemoSegment segment : DemoSegments.all()) {
			ParseResult result = validator.check(segment.rule(), segment.key());
			assertThat(result.isValid()).as("%s: %s", segment.key(), result).isTrue();
			created.put(segment.key(), Set.of());
		}
		assertThat(created).containsKeys("repeat-buyers", "one-time-buyers", "vip", "frequent-buyers-gone-quiet",
				"openers-not-buyers", "newsletter-outdoor", "b2b-enterprise", "reactivation");
	}

	@Test
	void keysAreUnique() {
		assertThat(DemoSegments.all()).extracting(DemoSegment::key).doesNotHaveDuplicates();
	}

}
