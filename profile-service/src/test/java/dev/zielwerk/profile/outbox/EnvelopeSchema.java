package dev.zielwerk.profile.outbox;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/**
 * The stream envelope schema from the schema module, with its payload references and
 * formats (uuid, date-time) asserted.
 */
final class EnvelopeSchema {

	private static final String BASE = "https://zielwerk.dev/schema/stream/";

	private static final Schema SCHEMA = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder.schemaIdResolvers((resolvers) -> resolvers.mapPrefix(BASE, "classpath:stream/"))
					.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
		.getSchema(SchemaLocation.of(BASE + "envelope.schema.json"));

	private EnvelopeSchema() {
	}

	static List<Error> validate(String message) {
		return SCHEMA.validate(message, InputFormat.JSON);
	}

}
