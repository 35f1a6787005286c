package dev.zielwerk.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.ObjectTypeDefinition;
import graphql.language.StringValue;
import graphql.parser.Parser;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile subgraph's SDL parses and declares the federation entity it owns. */
class ProfileSdlTests {

	@Test
	void profileSdlParsesIntoATypeRegistry() throws IOException {
		TypeDefinitionRegistry registry = new SchemaParser().parse(sdl());
		assertThat(registry.getTypeOrNull("Profile")).isInstanceOf(ObjectTypeDefinition.class);
		assertThat(registry.getSchemaExtensionDefinitions()).isNotEmpty();
	}

	@Test
	void profileIsAnEntityKeyedById() throws IOException {
		Document document = Parser.parse(sdl());
		ObjectTypeDefinition profile = document.getDefinitionsOfType(ObjectTypeDefinition.class)
			.stream()
			.filter((type) -> type.getName().equals("Profile"))
			.findFirst()
			.orElseThrow();
		assertThat(profile.getDirectives("key")).singleElement().satisfies((Directive key) -> {
			Argument fields = key.getArgument("fields");
			assertThat(fields).isNotNull();
			assertThat(fields.getValue()).isInstanceOfSatisfying(StringValue.class,
					(value) -> assertThat(value.getValue()).isEqualTo("id"));
		});
		assertThat(profile.getFieldDefinitions()).anySatisfy((field) -> assertThat(field.getName()).isEqualTo("id"));
	}

	@Test
	void linksFederationTwoAndImportsKey() throws IOException {
		String sdl = sdl();
		assertThat(sdl).containsPattern("@link\\(url: \"https://specs\\.apollo\\.dev/federation/v2\\.\\d+\"")
			.contains("\"@key\"");
	}

	private static String sdl() throws IOException {
		try (InputStream in = Objects.requireNonNull(
				ProfileSdlTests.class.getClassLoader().getResourceAsStream("graphql/profile/profile.graphqls"))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
