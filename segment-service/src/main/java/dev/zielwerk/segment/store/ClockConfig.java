package dev.zielwerk.segment.store;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock every evaluation reads "now" from; tests replace it to move time without
 * sleeping.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
