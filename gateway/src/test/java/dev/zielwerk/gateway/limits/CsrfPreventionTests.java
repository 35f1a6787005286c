package dev.zielwerk.gateway.limits;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfPreventionTests {

	private static final List<String> REQUIRED = List.of("x-apollo-operation-name", "apollo-require-preflight");

	@Test
	void simpleContentTypesNeedAPreflightHeader() {
		for (String type : List.of("text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
				"MULTIPART/FORM-DATA; boundary=x")) {
			assertThat(CsrfPrevention.isPreflighted(headers(type, null), REQUIRED)).as(type).isFalse();
			assertThat(CsrfPrevention.isPreflighted(headers(type, "apollo-require-preflight"), REQUIRED)).as(type)
				.isTrue();
		}
	}

	@Test
	void nonSimpleContentTypesPass() {
		assertThat(CsrfPrevention.isPreflighted(headers("application/json", null), REQUIRED)).isTrue();
		assertThat(CsrfPrevention.isPreflighted(headers("application/graphql-response+json", null), REQUIRED)).isTrue();
	}

	@Test
	void aRequestWithoutContentTypeNeedsAHeader() {
		assertThat(CsrfPrevention.isPreflighted(headers(null, null), REQUIRED)).isFalse();
		assertThat(CsrfPrevention.isPreflighted(headers(null, "x-apollo-operation-name"), REQUIRED)).isTrue();
	}

	private static HttpHeaders headers(String contentType, String preflight) {
		HttpHeaders headers = new HttpHeaders();
		if (contentType != null) {
			headers.set(HttpHeaders.CONTENT_TYPE, contentType);
		}
		if (preflight != null) {
			headers.set(preflight, "true");
		}
		return headers;
	}

}
