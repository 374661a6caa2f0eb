package com.starrymeet.common.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The settings every service shares, added with the lowest precedence: a service's application.yml,
 * environment variables and command-line arguments all override them.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

	static final String SOURCE = "starrymeetServiceDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		var d = new LinkedHashMap<String, Object>();
		// runtime
		d.put("spring.threads.virtual.enabled", true);
		d.put("server.shutdown", "graceful");
		d.put("server.error.include-stacktrace", "never");
		d.put("server.error.include-message", "never");
		d.put("server.error.include-exception", false);
		d.put("spring.datasource.hikari.maximum-pool-size", 10);
		// no default password anywhere: without one the service stops at start, naming the setting (RequiredSecrets)
		d.put(RequiredSecrets.PROPERTY, "spring.datasource.password");
		// observability
		d.put("management.endpoints.web.exposure.include", "health,info,prometheus");
		d.put("management.endpoint.health.probes.enabled", true);
		d.put("management.tracing.sampling.probability", 1.0);
		d.put("management.tracing.propagation.type", "w3c");
		d.put("management.otlp.metrics.export.enabled", false);
		d.put("management.otlp.logging.export.enabled", false);
		d.put("logging.structured.format.console", "ecs");
		// Kafka: JSON values through the outbox, traced; consumers commit only after their work
		d.put("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer");
		d.put("spring.kafka.producer.value-serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
		d.put("spring.kafka.producer.acks", "all");
		d.put("spring.kafka.producer.properties.enable.idempotence", true);
		d.put("spring.kafka.producer.properties.max.block.ms", 10000);
		d.put("spring.kafka.producer.properties.request.timeout.ms", 10000);
		d.put("spring.kafka.producer.properties.delivery.timeout.ms", 30000);
		d.put("spring.kafka.consumer.group-id", "${spring.application.name}");
		d.put("spring.kafka.consumer.auto-offset-reset", "earliest");
		d.put("spring.kafka.consumer.enable-auto-commit", false);
		d.put("spring.kafka.template.observation-enabled", true);
		d.put("spring.kafka.listener.observation-enabled", true);
		// outbox: schema comes from Flyway (common-lib's V1), outstanding events go out again on restart
		d.put("spring.modulith.events.jdbc.schema-initialization.enabled", false);
		d.put("spring.modulith.events.republish-outstanding-events-on-restart", true);
		d.put("spring.modulith.events.staleness.processing", "PT2M"); // a send hanging this long is failed, then redelivered
		d.put("spring.modulith.events.jdbc.use-legacy-structure", false); // V1 has the 2.0 schema (status, attempts)
		d.put("spring.modulith.events.completion-mode", "delete"); // a completed publication is gone: the table stays small
		// request bodies: only documented fields (event payloads are read leniently by IdempotentConsumer.payload)
		d.put("spring.jackson.deserialization.fail-on-unknown-properties", true);
		// PATCH keeps "absent" apart from "null": an absent Optional<T> component is null, a JSON null Optional.empty()
		d.put("spring.jackson.deserialization.use-null-for-missing-reference-values", true);
		// numbers and booleans must be JSON numbers and booleans ("2" is not 2), integers whole (2.5 is not 2)
		d.put("spring.jackson.deserialization.accept-float-as-int", false);
		d.put("spring.jackson.mapper.allow-coercion-of-scalars", false);
		d.put("springdoc.default-produces-media-type", "application/json");
		// tokens: issued by user-service, validated here too (defence in depth)
		d.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "http://localhost:8081/.well-known/jwks.json");
		d.put("spring.security.oauth2.resourceserver.jwt.audiences", "starrymeet-api");
		d.put("spring.security.oauth2.resourceserver.jwt.authorities-claim-name", "role");
		d.put("spring.security.oauth2.resourceserver.jwt.authority-prefix", "ROLE_");
		// one observation per Spring Security filter wraps every request in a dozen spans (they showed in the
		// profile of the gateway-level benchmark; the gateway measured ~20 %); the request's own server span stays
		d.put("management.observations.enable.spring.security", false);
		// API docs
		d.put("springdoc.api-docs.version", "openapi_3_1");
		add(environment, d);
	}

	static void add(ConfigurableEnvironment environment, Map<String, Object> defaults) {
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
	}
}
