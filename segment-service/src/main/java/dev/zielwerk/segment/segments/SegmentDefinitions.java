package dev.zielwerk.segment.segments;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.ParseResult;
import dev.zielwerk.segment.rule.RuleIndex;
import dev.zielwerk.segment.rule.RuleParser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The current segments with parsed rules. The rows are read for every use so that every
 * instance sees changes at once; parsing, the expensive part, is cached by rule text.
 */
@Component
public final class SegmentDefinitions {

	private static final Logger log = LoggerFactory.getLogger(SegmentDefinitions.class);

	private static final int CACHE_LIMIT = 10_000;

	private final SegmentRepository segments;

	private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

	SegmentDefinitions(SegmentRepository segments) {
		this.segments = segments;
	}

	public Mono<Definitions> load() {
		return this.segments.findAll().flatMapIterable((segment) -> {
			Parsed rule = parse(segment.ruleText());
			if (rule == null) {
				log.error("Stored rule of segment {} does not parse; it is not evaluated", segment.key());
				return List.of();
			}
			return List.of(new Definition(segment, rule.ast(), rule.index()));
		}).collectList().map(Definitions::new);
	}

	private @Nullable Parsed parse(String text) {
		Parsed cached = this.parsed.get(text);
		if (cached != null) {
			return cached;
		}
		ParseResult result = RuleParser.parse(text);
		if (!result.isValid()) {
			return null;
		}
		if (this.parsed.size() > CACHE_LIMIT) {
			this.parsed.clear();
		}
		Parsed rule = new Parsed(result.ast(), RuleIndex.of(result.ast()));
		this.parsed.put(text, rule);
		return rule;
	}

	private record Parsed(Condition ast, RuleIndex index) {
	}

}
