package com.starrymeet.gateway.observability;

import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Writes one access-log line per request when its server observation stops, i.e. after the
 * response (including error responses) was written. Logs method, path without query string,
 * status, latency and trace id; never headers, cookies or the query string.
 */
@Component
class AccessLogObservationHandler implements ObservationHandler<ServerRequestObservationContext> {

	private static final Logger log = LoggerFactory.getLogger("com.starrymeet.gateway.access");

	private record StartedAt(long nanos) {
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext;
	}

	@Override
	public void onStart(ServerRequestObservationContext context) {
		context.put(StartedAt.class, new StartedAt(System.nanoTime()));
	}

	@Override
	public void onStop(ServerRequestObservationContext context) {
		if (!log.isInfoEnabled()) {
			return;
		}
		StartedAt started = context.get(StartedAt.class);
		long latencyMs = (started != null) ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started.nanos()) : -1;
		ServerHttpRequest request = context.getCarrier();
		ServerHttpResponse response = context.getResponse();
		HttpStatusCode statusCode = (response != null) ? response.getStatusCode() : null;
		int status = (statusCode != null) ? statusCode.value() : 0;
		String method = request.getMethod().name();
		String path = request.getPath().value();
		String traceId = RequestCorrelation.traceId(context);
		log.atInfo()
			.addKeyValue("method", method)
			.addKeyValue("path", path)
			.addKeyValue("status", status)
			.addKeyValue("latencyMs", latencyMs)
			.addKeyValue("traceId", traceId)
			.addKeyValue("aborted", context.isConnectionAborted())
			.log("{} {} {} {}ms traceId={}", method, path, status, latencyMs, traceId);
	}

}
