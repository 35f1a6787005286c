package dev.zielwerk.gateway.subscription;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The client leg over WebSocket: graphql-ws ({@code graphql-transport-ws}) at
 * {@code /graphql}, one {@link ClientConnection} per socket.
 */
final class GraphQlWsHandler implements WebSocketHandler {

	private final ClientConnection.Context context;

	GraphQlWsHandler(ClientConnection.Context context) {
		this.context = context;
	}

	@Override
	public List<String> getSubProtocols() {
		return List.of(GraphQlWs.PROTOCOL);
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		return new ClientConnection(session, this.context).run();
	}

}
