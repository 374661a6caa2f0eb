package com.starrymeet.common.testing;

import java.util.LinkedHashMap;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points a service under test at the embedded infrastructure: its own database
 * ({@code starrymeet_<context>}, from {@code spring.application.name}), Kafka, Redis and the test JWKS.
 * These rank just below a test's own inlined properties, so a test can still override any of them.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String SOURCE = "starrymeetTestInfrastructure";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		var environment = context.getEnvironment();
		var name = environment.getProperty("spring.application.name", "app");
		var database = "starrymeet_" + name.replace("-service", "").replace('-', '_');
		var properties = new LinkedHashMap<String, Object>();
		properties.put("spring.datasource.url", EmbeddedInfrastructure.jdbcUrl(database));
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "postgres");
		properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
		properties.put("spring.data.redis.host", "localhost");
		properties.put("spring.data.redis.port", EmbeddedInfrastructure.redisPort());
		if (EmbeddedInfrastructure.redisPassword() != null) {
			properties.put("spring.data.redis.password", EmbeddedInfrastructure.redisPassword());
		}
		properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens.jwksUri());

		var sources = environment.getPropertySources();
		var source = new MapPropertySource(SOURCE, properties);
		if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addFirst(source);
		}
	}

	/** The Kafka to use; a test that needs a broker of its own (to stop it) overrides this. */
	protected String kafkaBootstrapServers() {
		return EmbeddedInfrastructure.kafkaBootstrapServers();
	}
}
