package com.starrymeet.gateway.resilience;

import com.starrymeet.gateway.GatewaySettings;
import com.starrymeet.gateway.error.GatewayProblem;
import com.starrymeet.gateway.error.ProblemWriter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Target of every route's {@code CircuitBreaker} {@code fallbackUri}: a refused, timed-out or
 * short-circuited call becomes {@code 503} problem+json with {@code Retry-After}. Any other error
 * is handed on to the error handler unchanged. Reached directly by a client it is a plain 404.
 */
@RestController
class CircuitBreakerFallbackController {

	private static final Logger log = LoggerFactory.getLogger(CircuitBreakerFallbackController.class);

	private final ProblemWriter problems;

	private final long retryAfterSeconds;

	CircuitBreakerFallbackController(ProblemWriter problems, GatewaySettings settings) {
		this.problems = problems;
		this.retryAfterSeconds = GatewayProblem.retryAfterSeconds(settings.resilience().openStateWait());
	}

	@RequestMapping("/fallback/{service}")
	Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
		Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		if (failure == null) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		if (!DownstreamFailures.isUnavailable(failure)) {
			return Mono.error(failure);
		}
		if (failure instanceof CallNotPermittedException) {
			log.debug("Circuit of '{}' is open", service);
		}
		else {
			log.warn("Downstream '{}' unavailable: {}", service, failure.toString());
		}
		return problems.write(exchange, GatewayProblem.serviceUnavailable(service, retryAfterSeconds));
	}

}
