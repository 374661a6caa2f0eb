package com.starrymeet.gateway.resilience;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which errors mean "the downstream service is not there": it refused or did not accept the
 * connection, did not answer in time, or dropped the connection before answering. Only these
 * count as circuit breaker failures and become {@code 503}; a response the service did send
 * (any status) is passed through and is never one of them.
 */
public final class DownstreamFailures {

	private static final int MAX_CAUSE_DEPTH = 10;

	private DownstreamFailures() {
	}

	/** An error of the call itself (connection or timeout): counts as a breaker failure. */
	public static boolean isCallFailure(@Nullable Throwable error) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
			if (current instanceof ConnectException || current instanceof NoRouteToHostException
					|| current instanceof UnknownHostException || current instanceof TimeoutException
					|| current instanceof io.netty.handler.timeout.TimeoutException
					|| current instanceof PrematureCloseException || isGatewayTimeout(current)) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

	/** The {@code NettyRoutingFilter} reports its response timeout as a 504 exception (not a response). */
	private static boolean isGatewayTimeout(Throwable error) {
		return error instanceof ResponseStatusException status
				&& status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value();
	}

	/** A call failure, or a call the open circuit did not let through. */
	public static boolean isUnavailable(@Nullable Throwable error) {
		return error instanceof CallNotPermittedException || isCallFailure(error);
	}

}
