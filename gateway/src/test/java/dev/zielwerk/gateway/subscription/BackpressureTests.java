package dev.zielwerk.gateway.subscription;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-subscription buffer between a subgraph that cannot slow down and a client that
 * reads slower: bounded, and what happens when it is full.
 */
class BackpressureTests {

	@Test
	void endsTheSubscriptionWithAClearErrorWhenTheBufferIsFull() {
		Reader reader = new Reader();
		Subscriptions.bounded(burst(), 4, SubscriptionProperties.Overflow.ERROR).subscribe(reader);
		reader.read(10);
		// what was buffered is still delivered, then the error ends the subscription
		assertThat(reader.received).containsExactly(1, 2, 3, 4);
		assertThat(reader.error).isNotNull();
		ObjectNode error = SubscriptionErrors.of(reader.error).get(0);
		assertThat(error.path("extensions").path("code").asString()).isEqualTo(SubscriptionErrors.BUFFER_OVERFLOW);
		assertThat(error.path("message").asString()).contains("did not keep up");
	}

	@Test
	void keepsTheNewestEventsWhenDroppingTheOldest() {
		Reader reader = new Reader();
		Subscriptions.bounded(burst(), 4, SubscriptionProperties.Overflow.DROP_OLDEST).subscribe(reader);
		reader.read(10);
		assertThat(reader.received).containsExactly(7, 8, 9, 10);
		assertThat(reader.error).isNull();
	}

	/** Ten events pushed at once, as a subgraph leg does, whatever the demand. */
	private static Flux<Integer> burst() {
		return Flux.create((sink) -> {
			for (int i = 1; i <= 10; i++) {
				sink.next(i);
			}
		}, FluxSink.OverflowStrategy.IGNORE);
	}

	/** A client that has not read anything yet. */
	private static final class Reader extends BaseSubscriber<Integer> {

		final List<Integer> received = new CopyOnWriteArrayList<>();

		volatile @Nullable Throwable error;

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
		}

		@Override
		protected void hookOnNext(Integer value) {
			this.received.add(value);
		}

		@Override
		protected void hookOnError(Throwable throwable) {
			this.error = throwable;
		}

		void read(int count) {
			request(count);
		}

	}

}
