package com.starrymeet.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/** UP when the service's {@code /actuator/health/readiness} answers 2xx within the timeout. */
class DownstreamHealthIndicator implements ReactiveHealthIndicator {

	private final WebClient client;

	private final URI uri;

	private final URI probe;

	private final Duration timeout;

	DownstreamHealthIndicator(WebClient client, URI uri, Duration timeout) {
		this.client = client;
		this.uri = uri;
		this.probe = UriComponentsBuilder.fromUri(uri).path("/actuator/health/readiness").build().toUri();
		this.timeout = timeout;
	}

	@Override
	public Mono<Health> health() {
		return client.get()
			.uri(probe)
			.retrieve()
			.toBodilessEntity()
			.timeout(timeout)
			.map(ignored -> Health.up().withDetail("uri", uri.toString()).build())
			.onErrorResume(error -> Mono
				.just(Health.down().withDetail("uri", uri.toString()).withDetail("reason", reason(error)).build()));
	}

	private String reason(Throwable error) {
		if (error instanceof WebClientResponseException response) {
			return "HTTP " + response.getStatusCode().value();
		}
		if (error instanceof TimeoutException) {
			return "no answer within " + timeout.toMillis() + " ms";
		}
		return "unreachable";
	}

}
