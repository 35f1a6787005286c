package dev.zielwerk.connectors.destination;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DestinationUrlsTests {

	private final DestinationUrls guard = DestinationUrls.of(false, DestinationUrlsTests::resolve);

	@Test
	void acceptsAPublicHttpsUrl() {
		assertThatCode(() -> this.guard.check("url", "https://hooks.example.com/zielwerk")).doesNotThrowAnyException();
		assertThatCode(() -> this.guard.check("url", "http://93.184.216.34:8080/x")).doesNotThrowAnyException();
	}

	@Test
	void refusesLoopbackPrivateLinkLocalAndUniqueLocalAddresses() {
		for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/",
				"http://172.16.0.9/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
				"http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/",
				"http://[::ffff:127.0.0.1]/", "http://224.0.0.1/")) {
			assertThatIllegalArgumentException().as(url)
				.isThrownBy(() -> this.guard.check("url", url))
				.withMessageContaining("setting url")
				.withMessageContaining("allow-private-networks");
		}
	}

	@Test
	void refusesANameWhenAnyOfItsAddressesIsPrivate() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.guard.check("catalogueUrl", "https://split.test/"))
			.withMessageContaining("setting catalogueUrl")
			.withMessageContaining("10.0.0.5");
	}

	@Test
	void refusesOtherSchemesEvenWhenPrivateNetworksAreAllowed() {
		DestinationUrls lenient = DestinationUrls.of(true, DestinationUrlsTests::resolve);
		assertThatCode(() -> lenient.check("url", "http://127.0.0.1:9/x")).doesNotThrowAnyException();
		for (String url : List.of("file:///etc/passwd", "gopher://example.com/", "ftp://example.com/x",
				"jar:http://example.com!/")) {
			assertThatIllegalArgumentException().as(url)
				.isThrownBy(() -> lenient.check("url", url))
				.withMessageContaining("http or https");
		}
	}

	@Test
	void refusesAnUnresolvableHostAndAUrlWithoutHost() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.guard.check("url", "https://nowhere.test/"))
			.withMessageContaining("does not resolve");
		assertThatIllegalArgumentException().isThrownBy(() -> this.guard.check("url", "https:///path"))
			.withMessageContaining("no host");
	}

	@Test
	void checksOnlyUrlSettings() {
		assertThatCode(() -> this.guard.checkSettings(Map.of("listId", "127.0.0.1", "audienceKey", "file:///x")))
			.doesNotThrowAnyException();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.guard.checkSettings(Map.of("baseUrl", "http://127.0.0.1:1234/3.0")))
			.withMessageContaining("setting baseUrl");
	}

	private static List<InetAddress> resolve(String host) {
		try {
			return switch (host) {
				case "hooks.example.com" -> List.of(InetAddress.getByName("93.184.216.34"));
				case "split.test" -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5"));
				case "localhost" -> List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
				case "nowhere.test" -> List.of();
				// literals resolve to themselves without a lookup
				default -> List.of(InetAddress.getAllByName(host));
			};
		}
		catch (UnknownHostException ex) {
			return List.of();
		}
	}

}
