package com.starrymeet.gateway;

import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's main configuration ({@code application.yml}, what production starts from): no secret has a
 * default, and actuator is on a port of its own.
 */
class MainConfigurationTest {

	private static final Pattern SECRET = Pattern
		.compile("(?i).*(password|secret|credential|private-key|api-key|apikey|access-key|client-secret|token)$");

	private static Properties mainConfiguration() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yml"));
		Properties properties = yaml.getObject();
		assertThat(properties).isNotNull().isNotEmpty();
		return properties;
	}

	@Test
	void noSecretHasADefault() {
		Properties properties = mainConfiguration();

		List<String> secrets = properties.stringPropertyNames()
			.stream()
			.filter((name) -> SECRET.matcher(name).matches())
			.filter((name) -> !properties.getProperty(name).isBlank())
			.toList();

		assertThat(secrets).as("secret settings with a default in application.yml").isEmpty();
		assertThat(properties.stringPropertyNames()).noneMatch((name) -> name.startsWith("spring.data.redis.password")
				|| name.startsWith("spring.data.redis.url") || name.startsWith("spring.data.redis.username"));
	}

	@Test
	void actuatorHasAPortOfItsOwn() {
		Properties properties = mainConfiguration();

		assertThat(properties.getProperty("management.server.port")).isNotBlank()
			.isNotEqualTo(properties.getProperty("server.port"));
	}

}
