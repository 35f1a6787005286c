package dev.zielwerk.profile.ingest;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Segment-spec ingestion ({@code zielwerk.profile.ingest.*}).
 *
 * @param writeKeys accepted write keys (HTTP Basic user name, or {@code writeKey} in the
 * body)
 * @param sources source name per write key, kept as provenance of traits and identities;
 * keys without one are recorded as {@code segment-http}
 * @param consentCategories extra or overriding {@code categoryPreferences} names (case
 * insensitive) to purposes
 * @param maxMessageBytes the largest message (Segment: 32 KB)
 * @param maxBatchBytes the largest request body of {@code /v1/batch} (Segment: 500 KB)
 */
@ConfigurationProperties("zielwerk.profile.ingest")
public record IngestProperties(@Nullable List<String> writeKeys, @Nullable Map<String, String> sources,
		@Nullable Map<String, String> consentCategories, @Nullable Integer maxMessageBytes,
		@Nullable Integer maxBatchBytes) {

	static final String DEFAULT_SOURCE = "segment-http";

	public IngestProperties {
		writeKeys = (writeKeys == null) ? List.of("dev-write-key") : List.copyOf(writeKeys);
		sources = (sources == null) ? Map.of() : Map.copyOf(sources);
		consentCategories = (consentCategories == null) ? Map.of() : Map.copyOf(consentCategories);
		maxMessageBytes = (maxMessageBytes == null) ? 32 * 1024 : maxMessageBytes;
		maxBatchBytes = (maxBatchBytes == null) ? 500 * 1024 : maxBatchBytes;
	}

	boolean accepts(String writeKey) {
		List<String> keys = writeKeys();
		return keys != null && keys.contains(writeKey);
	}

	String sourceOf(String writeKey) {
		Map<String, String> names = sources();
		return (names != null) ? names.getOrDefault(writeKey, DEFAULT_SOURCE) : DEFAULT_SOURCE;
	}

	int messageLimit() {
		Integer limit = maxMessageBytes();
		return (limit != null) ? limit : 32 * 1024;
	}

	int batchLimit() {
		Integer limit = maxBatchBytes();
		return (limit != null) ? limit : 500 * 1024;
	}

}
