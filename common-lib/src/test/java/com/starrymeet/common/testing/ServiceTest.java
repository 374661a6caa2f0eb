package com.starrymeet.common.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full service on a random port against real PostgreSQL, Kafka and Redis (see
 * {@link EmbeddedInfrastructure}). Use {@link TestHttp} to call it and {@link TestTokens} for bearer tokens.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.structured.format.console=") // readable logs in test reports
@ContextConfiguration(initializers = InfrastructureInitializer.class)
public @interface ServiceTest {
}
