package dev.zielwerk.segment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The segment service: rules, evaluation and membership (grows in its own issue).
 */
@SpringBootApplication
public class SegmentServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SegmentServiceApplication.class, args);
	}

}
