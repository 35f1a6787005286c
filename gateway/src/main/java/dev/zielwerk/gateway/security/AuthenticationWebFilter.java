package dev.zielwerk.gateway.security;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Authenticates every request to the GraphQL endpoint before the handler sees it and puts
 * the caller into the Reactor context ({@link CallerContext}). Invalid credentials are
 * answered here with 401, a {@code WWW-Authenticate} header and a GraphQL error with
 * {@code extensions.code} UNAUTHENTICATED; no subgraph is called.
 */
public final class AuthenticationWebFilter implements WebFilter, Ordered {

	private final RequestAuthenticator authenticator;

	private final JsonMapper mapper;

	private final String path;

	public AuthenticationWebFilter(RequestAuthenticator authenticator, JsonMapper mapper, String path) {
		this.authenticator = authenticator;
		this.mapper = mapper;
		this.path = path;
	}

	@Override
	public int getOrder() {
		// before anything that could run an operation
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestPath = exchange.getRequest().getPath().pathWithinApplication().value();
		if (!requestPath.equals(this.path) && !requestPath.startsWith(this.path + "/")) {
			return chain.filter(exchange);
		}
		return this.authenticator.authenticate(exchange.getRequest().getHeaders())
			.onErrorResume(AuthenticationException.class, (ex) -> refuse(exchange, ex).then(Mono.empty()))
			.flatMap((caller) -> chain.filter(exchange).contextWrite(CallerContext.with(caller)));
	}

	private Mono<Void> refuse(ServerWebExchange exchange, AuthenticationException ex) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		ObjectNode error = body.putArray("errors").addObject();
		error.put("message", ex.getMessage());
		error.putObject("extensions").put("code", AuthenticationException.CODE);
		var response = exchange.getResponse();
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		DataBuffer buffer = response.bufferFactory()
			.wrap(this.mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

}
