package com.starrymeet.gateway.resilience;

import java.util.function.Predicate;

/**
 * Resilience4j {@code record-failure-predicate}: only connection errors and timeouts open a
 * circuit (see {@link DownstreamFailures#isCallFailure}).
 */
public class DownstreamFailurePredicate implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable error) {
		return DownstreamFailures.isCallFailure(error);
	}

}
