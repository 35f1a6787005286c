package dev.zielwerk.connectors.credential;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialCipherConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Setup.class);

	@Test
	void providesACipherFromTheConfiguredKey() {
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		this.runner
			.withPropertyValues("zielwerk.connectors.credential-key=" + key,
					"zielwerk.connectors.credential-key-id=2026-11")
			.run(context -> {
				CredentialCipher cipher = context.getBean(CredentialCipher.class);
				assertThat(cipher.encrypt(Secret.of("t"), "d")).startsWith("2026-11:");
				assertThat(cipher.toString()).doesNotContain(key);
			});
	}

	@Test
	void providesNoCipherWithoutAKey() {
		this.runner.run(context -> assertThat(context).doesNotHaveBean(CredentialCipher.class));
	}

	@Test
	void failsToStartWithAKeyOfTheWrongSize() {
		this.runner
			.withPropertyValues(
					"zielwerk.connectors.credential-key=" + Base64.getEncoder().encodeToString(new byte[16]))
			.run(context -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CredentialKeyProperties.class)
	@Import(CredentialCipherConfiguration.class)
	static class Setup {

	}

}
