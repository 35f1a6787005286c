package dev.zielwerk.connectors.destination;

import java.time.Duration;
import java.util.function.Function;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP edge of one destination: its own connection pool (sized to the destination's
 * concurrency limit, so a slow destination cannot hold another's connections), its own
 * resilience set, and its error classifier. Every call goes through
 * {@link #exchange(Function)}.
 */
public final class DestinationHttp implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebClient webClient;

	private final ConnectionProvider connections;

	private final DestinationResilience resilience;

	private final ErrorClassifier classifier;

	private DestinationHttp(String baseUrl, DestinationResilience resilience, ErrorClassifier classifier) {
		ResilienceSettings settings = resilience.settings();
		this.connections = ConnectionProvider.builder("destination-" + resilience.name())
			.maxConnections(settings.maxConcurrentCalls())
			.pendingAcquireTimeout(settings.callTimeout())
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
		HttpClient httpClient = HttpClient.create(this.connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
			.responseTimeout(settings.callTimeout());
		this.webClient = WebClient.builder()
			.baseUrl(baseUrl)
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
		this.resilience = resilience;
		this.classifier = classifier;
	}

	/**
	 * The HTTP edge of a destination.
	 * @param baseUrl the API base URL (a fake's URL in tests)
	 * @param resilience the destination's resilience set
	 * @param classifier its error classifier
	 * @return the edge
	 */
	public static DestinationHttp of(String baseUrl, DestinationResilience resilience, ErrorClassifier classifier) {
		return new DestinationHttp(baseUrl, resilience, classifier);
	}

	/**
	 * Sends a request built anew for each attempt, under the destination's resilience,
	 * and reads a 2xx body as JSON (a missing node when empty). Any other status fails
	 * with the classifier's exception.
	 * @param request builds the request on the destination's client
	 * @return the JSON answer
	 */
	public Mono<JsonNode> exchange(Function<WebClient, WebClient.RequestHeadersSpec<?>> request) {
		return this.resilience.protect(Mono.defer(() -> request.apply(this.webClient).exchangeToMono(this::read)));
	}

	public DestinationResilience resilience() {
		return this.resilience;
	}

	/**
	 * JSON used to build request bodies.
	 * @return the mapper
	 */
	public static JsonMapper json() {
		return JSON;
	}

	private Mono<JsonNode> read(ClientResponse response) {
		int status = response.statusCode().value();
		return response.bodyToMono(String.class).defaultIfEmpty("").flatMap(body -> {
			if (response.statusCode().is2xxSuccessful()) {
				return Mono.just(parse(body));
			}
			return Mono.error(this.classifier.classify(status, response.headers().asHttpHeaders(), body));
		});
	}

	/** A 2xx is success whatever its body; webhook receivers often answer plain text. */
	private static JsonNode parse(String body) {
		if (body.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

	@Override
	public void close() {
		this.connections.dispose();
	}

}
