package com.starrymeet.payment.stripe;

import java.time.Duration;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.payment.problem.RetryLaterException;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * How a Stripe failure that the caller cannot fix becomes a problem: Stripe unreachable, slow, rate limiting or
 * failing on its side is 503 {@code STRIPE_UNAVAILABLE} with {@code Retry-After} (nothing changed here; the call is
 * safe to repeat, it is idempotent); our own misconfiguration (keys) or a request Stripe refuses is logged with
 * Stripe's request id and answered 502 {@code STRIPE_ERROR} without internals.
 */
public final class StripeFailures {

	private static final Logger log = LoggerFactory.getLogger(StripeFailures.class);

	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private StripeFailures() {
	}

	/** Whether asking again later may work (Stripe down, slow, rate limiting, 5xx). */
	public static boolean transientFailure(StripeException ex) {
		if (ex instanceof ApiConnectionException || ex instanceof RateLimitException) {
			return true;
		}
		var status = ex.getStatusCode();
		return ex instanceof com.stripe.exception.ApiException || status == null || status >= 500 || status == 409;
	}

	/** The problem for a Stripe failure while doing {@code what}. */
	public static ApiException problem(String what, StripeException ex) {
		if (transientFailure(ex)) {
			log.warn("Stripe unavailable while {}: {} (request {})", what, ex.getMessage(), ex.getRequestId());
			return new RetryLaterException("STRIPE_UNAVAILABLE", "The payment provider cannot be reached right now",
					RETRY_AFTER);
		}
		if (ex instanceof AuthenticationException || ex instanceof PermissionException
				|| ex instanceof IdempotencyException) {
			log.error("Stripe refused our call while {}: {} (request {})", what, ex.getMessage(), ex.getRequestId());
		}
		else if (ex instanceof InvalidRequestException) {
			log.warn("Stripe refused the request while {}: {} (code {}, request {})", what, ex.getMessage(),
					ex.getCode(), ex.getRequestId());
		}
		return new ApiException(HttpStatus.BAD_GATEWAY, "STRIPE_ERROR", "The payment provider refused the request");
	}
}
