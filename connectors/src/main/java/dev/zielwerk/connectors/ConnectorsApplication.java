package dev.zielwerk.connectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The connectors service: destinations and audience syncs (grows in its own issue).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConnectorsApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConnectorsApplication.class, args);
	}

}
