package dev.zielwerk.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The gateway: the supergraph router in front of every subgraph. It loads the supergraph
 * named by {@code zielwerk.gateway.supergraph}, plans each operation across subgraphs and
 * merges their answers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatewayApplication.class, args);
	}

}
