package dev.zielwerk.profile.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** Validates stream messages against the JSON Schemas of the schema module. */
final class StreamSchemas {

	private static final String BASE = "https://zielwerk.dev/schema/stream/";

	private static final Schema ENVELOPE = load();

	private StreamSchemas() {
	}

	/** The validation errors of one envelope (empty when valid). */
	static List<Error> validate(String envelopeJson) {
		return ENVELOPE.validate(envelopeJson, InputFormat.JSON);
	}

	private static Schema load() {
		Map<String, String> schemas = new HashMap<>();
		for (String name : List.of("envelope", "event", "traits", "consent", "merge", "erase")) {
			String file = name + ".schema.json";
			try (InputStream in = StreamSchemas.class.getResourceAsStream("/stream/" + file)) {
				if (in == null) {
					throw new IllegalStateException("missing schema " + file);
				}
				schemas.put(BASE + file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder.schemas(schemas));
		return registry.getSchema(SchemaLocation.of(BASE + "envelope.schema.json"));
	}

}
