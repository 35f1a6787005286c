package dev.zielwerk.connectors.destination.webhook;

import java.nio.charset.StandardCharsets;

import dev.zielwerk.connectors.credential.Secret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignerTests {

	/** The test vector of the Standard Webhooks reference libraries. */
	private final WebhookSigner signer = WebhookSigner.of(Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

	private final byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

	@Test
	void signsTheSpecificationTestVector() {
		assertThat(this.signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, this.body))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void verifiesAnyEntryOfARotatedSignatureHeader() {
		String header = "v1,bm90IHRoZSByaWdodCBvbmU= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
		assertThat(this.signer.verify("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, this.body, header)).isTrue();
	}

	@Test
	void rejectsAChangedBodyIdOrTimestamp() {
		String signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
		assertThat(this.signer.verify("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, this.body, signature)).isFalse();
		assertThat(this.signer.verify("msg_other", 1614265330, this.body, signature)).isFalse();
		assertThat(this.signer.verify("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
				"{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), signature))
			.isFalse();
	}

}
