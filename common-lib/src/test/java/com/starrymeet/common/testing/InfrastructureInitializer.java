package com.starrymeet.common.testing;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a service under test at the embedded infrastructure: its own database
 * ({@code starrymeet_<context>}, from {@code spring.application.name}), Kafka, Redis and the test JWKS.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		var environment = context.getEnvironment();
		var name = environment.getProperty("spring.application.name", "app");
		var database = "starrymeet_" + name.replace("-service", "").replace('-', '_');
		TestPropertyValues
			.of("spring.datasource.url=" + EmbeddedInfrastructure.jdbcUrl(database),
					"spring.datasource.username=postgres", "spring.datasource.password=postgres",
					"spring.kafka.bootstrap-servers=" + kafkaBootstrapServers(),
					"spring.data.redis.host=localhost",
					"spring.data.redis.port=" + EmbeddedInfrastructure.redisPort(),
					"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestTokens.jwksUri())
			.applyTo(context);
	}

	/** The Kafka to use; a test that needs a broker of its own (to stop it) overrides this. */
	protected String kafkaBootstrapServers() {
		return EmbeddedInfrastructure.kafkaBootstrapServers();
	}
}
