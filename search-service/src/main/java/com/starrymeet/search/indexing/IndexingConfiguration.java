package com.starrymeet.search.indexing;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.starrymeet.search.index.CelebrityIndex;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import tools.jackson.databind.json.JsonMapper;

/** Wires the indexing: this instance's consumer identity, commits, readiness and reconciliation. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndexingSettings.class)
@EnableFeignClients(clients = { CelebrityCatalogClient.class, BookingAvailabilityClient.class })
class IndexingConfiguration {

	static final String CONTAINER_POST_PROCESSOR = "searchIndexContainer";

	@Bean
	IndexInstance indexInstance(IndexingSettings settings,
			@org.springframework.beans.factory.annotation.Value("${spring.application.name}") String application) {
		var id = settings.instanceId() == null || settings.instanceId().isBlank() ? UUID.randomUUID().toString()
				: settings.instanceId();
		return new IndexInstance(id, application + "-index-" + id);
	}

	/**
	 * Offsets are never committed to Kafka (the index's commit holds them), and an idle event tells when the
	 * index has read everything.
	 */
	@Bean(CONTAINER_POST_PROCESSOR)
	ContainerPostProcessor<String, Object, AbstractMessageListenerContainer<String, Object>> searchIndexContainer() {
		return container -> {
			container.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
			container.getContainerProperties().setIdleEventInterval(500L);
		};
	}

	@Bean
	IndexLifecycle indexLifecycle(ApplicationEventPublisher events, IndexingSettings settings) {
		return new IndexLifecycle(Clock.systemUTC(), events, settings.readyTimeout(), settings.reconcile().onStart());
	}

	@Bean
	IndexCommitter indexCommitter(CelebrityIndex index) {
		return new IndexCommitter(index);
	}

	/** Not ready while the index catches up and reconciles at start (at most {@code ready-timeout}). */
	@Bean("readinessStateHealthIndicator")
	ReadinessStateHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability,
			IndexLifecycle lifecycle) {
		return new ReadinessStateHealthIndicator(availability) {
			@Override
			protected AvailabilityState getState(ApplicationAvailability applicationAvailability) {
				var state = super.getState(applicationAvailability);
				return state == ReadinessState.ACCEPTING_TRAFFIC && !lifecycle.ready() ? ReadinessState.REFUSING_TRAFFIC
						: state;
			}
		};
	}

	@Bean
	CatalogSource catalogSource(CelebrityCatalogClient client, CircuitBreakerFactory<?, ?> breakers, JsonMapper json) {
		return new FeignCatalogSource(client, breakers, json);
	}

	@Bean
	AvailabilitySource availabilitySource(BookingAvailabilityClient client, CircuitBreakerFactory<?, ?> breakers,
			JsonMapper json) {
		return new FeignAvailabilitySource(client, breakers, json);
	}

	/**
	 * The circuit breakers of the catalog and of the calendars, one each with the same policy: opens when half of at
	 * least 4 recent calls failed, half-opens after 10 s. Its time limit covers a call's retries (the per-try
	 * timeouts are Feign's).
	 */
	@Bean
	Customizer<Resilience4JCircuitBreakerFactory> catalogCircuitBreaker(IndexingSettings settings) {
		var reconcile = settings.reconcile();
		var perTry = reconcile.connectTimeout().plus(reconcile.readTimeout());
		var limit = perTry.multipliedBy(Math.max(1, reconcile.attempts())).plus(Duration.ofSeconds(2));
		return factory -> factory.configure(builder -> builder
			.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(limit).build())
			.circuitBreakerConfig(CircuitBreakerConfig.custom()
				.slidingWindowSize(10)
				.minimumNumberOfCalls(4)
				.failureRateThreshold(50)
				.waitDurationInOpenState(Duration.ofSeconds(10))
				.build()), FeignCatalogSource.NAME, FeignAvailabilitySource.NAME);
	}

	@Bean
	Reconciler reconciler(CelebrityIndex index, CatalogSource catalog, AvailabilitySource calendars) {
		return new Reconciler(index, catalog, calendars, Clock.systemUTC());
	}

	@Bean
	ReconcileScheduler reconcileScheduler(Reconciler reconciler, IndexLifecycle lifecycle, IndexingSettings settings) {
		return new ReconcileScheduler(reconciler, lifecycle, settings.reconcile());
	}
}
