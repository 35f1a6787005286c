package dev.zielwerk.profile;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The profile service: profiles, identities, events, consent and erasure, fed by
 * Segment-spec ingestion and served as a federation subgraph.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProfileServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProfileServiceApplication.class, args);
	}

}
