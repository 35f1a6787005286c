package dev.zielwerk.gateway.apq;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PersistedQueryManifestTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Test
	void readsApollosFormat() {
		PersistedQueryManifest manifest = parse("""
				{"format":"apollo-persisted-query-manifest","version":1,"operations":[
				  {"id":"abc","name":"Me","type":"query","body":"query Me { me { id } }"},
				  {"id":"def","type":"query","body":"{ __typename }"}]}
				""");
		assertThat(manifest.operations()).containsExactly(
				new PersistedQueryManifest.Operation("abc", "Me", "query Me { me { id } }"),
				new PersistedQueryManifest.Operation("def", "", "{ __typename }"));
	}

	@Test
	void saysWhatIsWrongAndWhere() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("{"))
			.withMessage("The persisted query manifest test.json is not valid JSON.");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("{\"version\":1,\"operations\":[]}"))
			.withMessageContaining("\"format\": \"apollo-persisted-query-manifest\"");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("{\"format\":\"apollo-persisted-query-manifest\",\"version\":1}"))
			.withMessageContaining("\"operations\" array");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("{\"format\":\"apollo-persisted-query-manifest\",\"version\":1,"
					+ "\"operations\":[{\"id\":\"a\",\"body\":\"{ a }\"},{\"id\":\"\",\"body\":\"{ b }\"}]}"))
			.withMessageStartingWith("Operation 1 of the persisted query manifest test.json needs a non-empty \"id\"");
	}

	@Test
	void hashesAsApolloClientsDo() {
		// as `printf %s "{ __typename }" | sha256sum` prints it
		assertThat(Sha256.hex("{ __typename }"))
			.isEqualTo("7f56e67dd21ab3f30d1ff8b7bed08893f0a0db86449836189b361dd1e56ddb4b");
		assertThat(Sha256.isHex(Sha256.hex("x"))).isTrue();
		assertThat(Sha256.isHex("ECF4")).isFalse();
	}

	private static PersistedQueryManifest parse(String json) {
		return PersistedQueryManifest.parse(json.getBytes(StandardCharsets.UTF_8), JSON, "test.json");
	}

}
