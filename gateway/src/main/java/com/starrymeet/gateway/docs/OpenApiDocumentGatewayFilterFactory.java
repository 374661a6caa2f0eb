package com.starrymeet.gateway.docs;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;

/**
 * Route filter {@code OpenApiDocument} for the routes that serve a service's OpenAPI document. A service
 * describes itself with the address it was called on (springdoc puts the request's base URL in
 * {@code servers}), which is an internal URI behind the gateway; so a successful JSON document gets
 * {@code servers: [{"url": "/"}]} (relative: the gateway it was fetched from) and loses every path the
 * gateway never routes ({@code /internal/**}, {@code /actuator/**}). Anything else (an error, a body that is
 * not a JSON object) passes through unchanged.
 */
@Component
public class OpenApiDocumentGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	/** Largest document the gateway rewrites; a service's document is far smaller. */
	static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

	/** Path prefixes of a service the gateway never routes, so its documents never show them. */
	static final List<String> UNROUTED_PREFIXES = List.of("/internal", "/actuator");

	private final JsonMapper jsonMapper;

	public OpenApiDocumentGatewayFilterFactory(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public GatewayFilter apply(Object config) {
		// before NettyWriteResponseFilter writes the downstream body, like ModifyResponseBody
		return new OrderedGatewayFilter((exchange, chain) -> chain
			.filter(exchange.mutate().response(new Rewriting(exchange.getResponse())).build()),
				NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1);
	}

	/**
	 * The document with the gateway as its only server and without the paths the gateway does not route, or
	 * {@code null} when the body is not a JSON object.
	 */
	byte @Nullable [] rewrite(byte[] document) {
		JsonNode tree;
		try {
			tree = jsonMapper.readTree(document);
		}
		catch (JacksonException ex) {
			return null;
		}
		if (!(tree instanceof ObjectNode root)) {
			return null;
		}
		root.putArray("servers").addObject().put("url", "/").put("description", "the StarryMeet API gateway");
		if (root.get("paths") instanceof ObjectNode paths) {
			List<String> unrouted = new ArrayList<>();
			paths.propertyNames().forEach((path) -> {
				if (isUnrouted(path)) {
					unrouted.add(path);
				}
			});
			paths.remove(unrouted);
		}
		return jsonMapper.writeValueAsBytes(root);
	}

	static boolean isUnrouted(String path) {
		for (String prefix : UNROUTED_PREFIXES) {
			if (path.equals(prefix) || path.startsWith(prefix + "/")) {
				return true;
			}
		}
		return false;
	}

	private final class Rewriting extends ServerHttpResponseDecorator {

		Rewriting(ServerHttpResponse delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			HttpStatusCode status = getStatusCode();
			MediaType contentType = getHeaders().getContentType();
			if (status == null || !status.is2xxSuccessful() || contentType == null
					|| !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
				return super.writeWith(body);
			}
			return DataBufferUtils.join(body, MAX_DOCUMENT_BYTES).flatMap((joined) -> {
				byte[] original = new byte[joined.readableByteCount()];
				joined.read(original);
				DataBufferUtils.release(joined);
				byte[] rewritten = rewrite(original);
				byte[] answer = (rewritten != null) ? rewritten : original;
				getHeaders().setContentLength(answer.length);
				getHeaders().remove(HttpHeaders.TRANSFER_ENCODING);
				return super.writeWith(Mono.just(bufferFactory().wrap(answer)));
			})
				.onErrorMap(DataBufferLimitException.class, (ex) -> new IllegalStateException(
						"An OpenAPI document is larger than " + MAX_DOCUMENT_BYTES + " bytes", ex));
		}

	}

}
