package dev.zielwerk.segment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The segment service: segment definitions, batch, real-time and time-triggered
 * evaluation, membership.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SegmentServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SegmentServiceApplication.class, args);
	}

}
