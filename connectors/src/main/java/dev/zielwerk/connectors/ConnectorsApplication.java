package dev.zielwerk.connectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The connectors service: destinations and audience syncs (grows in its own issue).
 */
@SpringBootApplication
public class ConnectorsApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConnectorsApplication.class, args);
	}

}
