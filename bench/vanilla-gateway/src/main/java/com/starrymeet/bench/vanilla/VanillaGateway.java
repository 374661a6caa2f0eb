package com.starrymeet.bench.vanilla;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway as it comes: the one route in {@code application.yml}, nothing of ours. {@code bench/run.sh}
 * measures the gateway against it in the same run (issue 13).
 */
@SpringBootApplication
public class VanillaGateway {

	public static void main(String[] args) {
		SpringApplication.run(VanillaGateway.class, args);
	}
}
