package com.starrymeet.gateway.error;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.starrymeet.gateway.observability.RequestCorrelation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/** Writes a {@link GatewayProblem} as {@code application/problem+json} (RFC 9457). */
@Component
public class ProblemWriter {

	private final JsonMapper jsonMapper;

	ProblemWriter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/** Body of a gateway problem response. */
	@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "code", "success", "traceId" })
	record ProblemBody(String type, String title, int status, String detail, String instance, String code,
			boolean success, @Nullable String traceId) {
	}

	public Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem) {
		ProblemBody body = new ProblemBody(problem.type(), problem.title(), problem.status(), problem.detail(),
				RequestCorrelation.originalPath(exchange), problem.code(), false,
				RequestCorrelation.traceId(exchange));
		byte[] json = jsonMapper.writeValueAsBytes(body);
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.setContentLength(json.length);
		if (problem.retryAfterSeconds() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
		}
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(json)));
	}

}
