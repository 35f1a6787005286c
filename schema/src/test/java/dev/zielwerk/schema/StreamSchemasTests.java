package dev.zielwerk.schema;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas of the profile stream messages: each compiles, a valid message of each
 * type passes, and a broken one fails at the field that is wrong.
 */
class StreamSchemasTests {

	private static final String BASE = "https://zielwerk.dev/schema/stream/";

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(builder) -> builder.schemaIdResolvers((resolvers) -> resolvers.mapPrefix(BASE, "classpath:stream/"))
				.schemaRegistryConfig(SchemaRegistryConfig.builder()
					.pathType(PathType.JSON_POINTER)
					.formatAssertionsEnabled(true)
					.build()));

	private static final Schema ENVELOPE = schema("envelope.schema.json");

	private static final String PROFILE = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";

	@Test
	void everySchemaCompilesAndDeclaresItsId() throws IOException, URISyntaxException {
		URL folder = Objects.requireNonNull(getClass().getClassLoader().getResource("stream"));
		List<String> names;
		try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
			names = files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
		assertThat(names).containsExactly("consent.schema.json", "envelope.schema.json", "erase.schema.json",
				"event.schema.json", "merge.schema.json", "traits.schema.json");
		for (String name : names) {
			Schema schema = schema(name);
			schema.initializeValidators();
			assertThat(schema.getSchemaNode().get("$id").asString()).isEqualTo(BASE + name);
			assertThat(schema.getSchemaNode().get("$schema").asString())
				.isEqualTo("https://json-schema.org/draft/2020-12/schema");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					event   | {"eventId":"0193a1b2-c3d4-7e5f-8a6b-000000000001","messageId":"m-1","kind":"TRACK","name":"Order Completed","properties":{"revenue":42.5,"products":[{"sku":"A"}]}}
					event   | {"eventId":"0193a1b2-c3d4-7e5f-8a6b-000000000002","messageId":"m-2","kind":"IDENTIFY","name":null,"properties":{}}
					traits  | {"traits":{"demographic":{"firstName":"Ada"},"geo":{"country":"DE"},"custom":{"plan":null}},"source":"segment","party":"FIRST"}
					consent | {"purpose":"EMAIL_MARKETING","status":"WITHDRAWN","source":"CMP","expiresAt":null}
					consent | {"purpose":"ADVERTISING","status":"GRANTED","source":"ZERO_PARTY_FORM","expiresAt":"2027-01-01T00:00:00Z"}
					merge   | {"mergedId":"0193a1b2-c3d4-7e5f-8a6b-000000000003","identityType":"EMAIL"}
					erase   | {"mergedIds":["0193a1b2-c3d4-7e5f-8a6b-000000000004"]}
					erase   | {}
					""")
	void acceptsAValidMessageOfEachType(String type, String payload) {
		assertThat(ENVELOPE.validate(envelope(type, payload), InputFormat.JSON)).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					event   | {"eventId":"0193a1b2-c3d4-7e5f-8a6b-000000000001","messageId":"m-1","kind":"CLICK","properties":{}}                       | /payload/kind              | enum
					event   | {"eventId":"0193a1b2-c3d4-7e5f-8a6b-000000000001","messageId":"","kind":"TRACK","properties":{}}                          | /payload/messageId         | minLength
					event   | {"eventId":"0193a1b2-c3d4-7e5f-8a6b-000000000001","messageId":"m-1","kind":"TRACK"}                                       | /payload                   | required
					event   | {"eventId":"not-a-uuid","messageId":"m-1","kind":"TRACK","properties":{}}                                                | /payload/eventId           | format
					traits  | {"traits":{"bogus":{"a":1}},"source":"segment","party":"FIRST"}                                                          | /payload/traits            | propertyNames
					traits  | {"traits":{"geo":"DE"},"source":"segment","party":"FIRST"}                                                               | /payload/traits/geo        | type
					traits  | {"traits":{},"source":"segment","party":"THIRD"}                                                                         | /payload/party             | enum
					consent | {"purpose":"EMAIL","status":"GRANTED","source":"CMP"}                                                                    | /payload/purpose           | enum
					consent | {"purpose":"ANALYTICS","status":"GRANTED","source":"CMP","expiresAt":"tomorrow"}                                         | /payload/expiresAt         | format
					merge   | {"identityType":"EMAIL"}                                                                                                 | /payload                   | required
					erase   | {"mergedIds":["0193a1b2-c3d4-7e5f-8a6b-000000000004"],"reason":"asked"}                                                 | /payload                   | additionalProperties
					""")
	void rejectsABrokenPayloadAtTheWrongField(String type, String payload, String location, String keyword) {
		List<Error> errors = ENVELOPE.validate(envelope(type, payload), InputFormat.JSON);
		assertThat(errors).isNotEmpty();
		assertThat(errors).anySatisfy((error) -> {
			assertThat(error.getInstanceLocation()).hasToString(location);
			assertThat(error.getKeyword()).isEqualTo(keyword);
		});
	}

	@Test
	void rejectsAnEnvelopeWithoutProfileIdOrWithAnUnknownType() {
		List<Error> missing = ENVELOPE.validate(
				"""
						{"id":"0193a1b2-c3d4-7e5f-8a6b-000000000009","type":"erase","occurredAt":"2026-11-22T10:00:00Z","payload":{}}
						""",
				InputFormat.JSON);
		assertThat(missing).singleElement().satisfies((error) -> {
			assertThat(error.getKeyword()).isEqualTo("required");
			assertThat(error.getProperty()).isEqualTo("profileId");
		});
		List<Error> unknownType = ENVELOPE.validate(envelope("signup", "{}"), InputFormat.JSON);
		assertThat(unknownType).anySatisfy((error) -> assertThat(error.getInstanceLocation()).hasToString("/type"));
	}

	@Test
	void rejectsAnOccurredAtThatIsNotADateTime() {
		String message = envelope("erase", "{}").replace("2026-11-22T10:00:00.123456Z", "22.11.2026 10:00");
		assertThat(ENVELOPE.validate(message, InputFormat.JSON))
			.anySatisfy((error) -> assertThat(error.getInstanceLocation()).hasToString("/occurredAt"));
	}

	private static String envelope(String type, String payload) {
		return """
				{"id":"0193a1b2-c3d4-7e5f-8a6b-000000000000","type":"%s","profileId":"%s",\
				"occurredAt":"2026-11-22T10:00:00.123456Z","payload":%s}
				""".formatted(type, PROFILE, payload);
	}

	private static Schema schema(String name) {
		return REGISTRY.getSchema(SchemaLocation.of(BASE + name));
	}

}
