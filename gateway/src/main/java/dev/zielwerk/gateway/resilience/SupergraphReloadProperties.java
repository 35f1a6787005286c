package dev.zielwerk.gateway.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reloading a supergraph file ({@code zielwerk.gateway.supergraph-reload.*}).
 *
 * @param enabled whether a changed supergraph file is swapped in
 * @param mode {@code watch} (file system events, checked at least every {@code interval}
 * too) or {@code poll} (every {@code interval})
 * @param interval how often the file is checked when polling, and the longest gap between
 * checks when watching
 */
@ConfigurationProperties("zielwerk.gateway.supergraph-reload")
public record SupergraphReloadProperties(@DefaultValue("true") boolean enabled, @DefaultValue("watch") Mode mode,
		@DefaultValue("5s") Duration interval) {

	/** How changes are noticed. */
	public enum Mode {

		/** File system events of the file's directory. */
		WATCH,

		/** Reading the file at a fixed interval. */
		POLL

	}

}
