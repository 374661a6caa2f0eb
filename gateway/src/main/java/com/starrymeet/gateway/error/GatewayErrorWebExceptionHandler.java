package com.starrymeet.gateway.error;

import com.starrymeet.gateway.GatewaySettings;
import com.starrymeet.gateway.limits.PayloadTooLargeException;
import com.starrymeet.gateway.observability.RequestCorrelation;
import com.starrymeet.gateway.resilience.DownstreamFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Renders every error the gateway itself produces as problem+json. Ordered before Boot's
 * {@code DefaultErrorWebExceptionHandler} ({@code @Order(-1)}), which therefore never answers.
 * Exception messages never reach the client; unexpected errors are logged here instead.
 */
@Component
@Order(-2)
class GatewayErrorWebExceptionHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GatewayErrorWebExceptionHandler.class);

	private final ProblemWriter problems;

	private final long retryAfterSeconds;

	GatewayErrorWebExceptionHandler(ProblemWriter problems, GatewaySettings settings) {
		this.problems = problems;
		this.retryAfterSeconds = GatewayProblem.retryAfterSeconds(settings.resilience().openStateWait());
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(error);
		}
		if (log.isDebugEnabled()) {
			log.debug("Answering {} {} with a problem", exchange.getRequest().getMethod(),
					RequestCorrelation.originalPath(exchange), error);
		}
		return problems.write(exchange, toProblem(exchange, error));
	}

	private GatewayProblem toProblem(ServerWebExchange exchange, Throwable error) {
		if (error instanceof PayloadTooLargeException tooLarge) {
			return GatewayProblem.payloadTooLarge(tooLarge.getLimit());
		}
		if (DownstreamFailures.isUnavailable(error)) {
			return GatewayProblem.serviceUnavailable(null, retryAfterSeconds);
		}
		if (error instanceof AuthenticationServiceException) {
			// the signing keys could not be fetched (user-service down): not the client's fault
			log.warn("Cannot verify access tokens: {}", error.toString());
			return GatewayProblem.serviceUnavailable(null, retryAfterSeconds);
		}
		if (error instanceof DataBufferLimitException) {
			return GatewayProblem.ofStatus(413);
		}
		if (error instanceof ErrorResponse response) {
			int status = response.getStatusCode().value();
			switch (status) {
				case 404:
					return GatewayProblem.notFound();
				case 405:
					return GatewayProblem.methodNotAllowed();
				case 503, 504:
					return GatewayProblem.serviceUnavailable(null, retryAfterSeconds);
				default:
					if (status < 500) {
						return GatewayProblem.ofStatus(status);
					}
			}
		}
		log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
				RequestCorrelation.originalPath(exchange), error);
		return GatewayProblem.internalError();
	}

}
