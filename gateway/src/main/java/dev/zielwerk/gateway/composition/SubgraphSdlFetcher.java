package dev.zielwerk.gateway.composition;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Gets the SDL of configured subgraphs, from a file, classpath or URL location, or from
 * the running subgraph's {@code _service { sdl }}, retried while the subgraph is not up
 * yet (subgraphs and the gateway usually start together). Runs once at startup, before
 * the gateway serves, so it may wait.
 */
public final class SubgraphSdlFetcher {

	private static final String SERVICE_QUERY = "{\"query\":\"{ _service { sdl } }\"}";

	private final ResourceLoader resources = new DefaultResourceLoader();

	private final HttpClient http;

	private final JsonMapper mapper;

	private final int attempts;

	private final Duration backoff;

	/**
	 * Creates a fetcher.
	 * @param mapper reads {@code _service} answers
	 * @param attempts how often to ask a subgraph for its SDL before giving up
	 * @param backoff the wait between two attempts
	 */
	public SubgraphSdlFetcher(JsonMapper mapper, int attempts, Duration backoff) {
		this.mapper = mapper;
		this.attempts = Math.max(1, attempts);
		this.backoff = backoff;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	/**
	 * The composition input for configured subgraphs.
	 * @param definitions the subgraphs
	 * @return each subgraph with its SDL
	 * @throws IllegalStateException when an SDL cannot be read or fetched
	 */
	public List<SubgraphSource> sources(List<SubgraphDefinition> definitions) {
		List<SubgraphSource> sources = new ArrayList<>();
		for (SubgraphDefinition definition : definitions) {
			String sdl = (definition.sdl() != null) ? read(definition.name(), definition.sdl())
					: fetch(definition.name(), definition.url());
			sources.add(new SubgraphSource(definition.name(), definition.url(), sdl));
		}
		return sources;
	}

	private String read(String name, String location) {
		boolean qualified = location.startsWith("classpath:") || location.startsWith("file:")
				|| location.startsWith("http://") || location.startsWith("https://");
		Resource resource = qualified ? this.resources.getResource(location) : new FileSystemResource(location);
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the SDL of subgraph " + name + " from " + location, ex);
		}
	}

	private String fetch(String name, String url) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("content-type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(SERVICE_QUERY))
			.build();
		String failure = "";
		for (int attempt = 1; attempt <= this.attempts; attempt++) {
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				String sdl = (response.statusCode() == 200) ? sdl(response.body()) : null;
				if (sdl != null) {
					return sdl;
				}
				failure = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
			}
			catch (IOException ex) {
				failure = ex.toString();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while fetching the SDL of subgraph " + name, ex);
			}
			if (attempt < this.attempts) {
				pause();
			}
		}
		throw new IllegalStateException("cannot fetch the SDL of subgraph " + name + " from " + url
				+ " (_service { sdl }) after " + this.attempts + " attempts: " + failure);
	}

	private @Nullable String sdl(String body) {
		try {
			JsonNode sdl = this.mapper.readTree(body).path("data").path("_service").path("sdl");
			return sdl.isString() ? sdl.stringValue() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private void pause() {
		try {
			// startup only: the gateway cannot serve before it has a supergraph
			Thread.sleep(this.backoff);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a subgraph", ex);
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

}
