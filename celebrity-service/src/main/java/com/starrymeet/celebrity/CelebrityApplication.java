package com.starrymeet.celebrity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Catalog: categories, celebrity profiles, meeting types and prices, featured, rating aggregates.
 */
@SpringBootApplication
public class CelebrityApplication {

	public static void main(String[] args) {
		SpringApplication.run(CelebrityApplication.class, args);
	}
}
