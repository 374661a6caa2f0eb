package com.starrymeet.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

import com.starrymeet.gateway.GatewaySettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Rejects request bodies over the limit: up front by {@code Content-Length}, and for bodies
 * without a length (chunked) by counting bytes as they stream, failing as soon as the limit is
 * passed. Either way the client gets {@code 413} problem+json.
 */
@Component
class RequestSizeLimitWebFilter implements WebFilter, Ordered {

	private final long maxBytes;

	RequestSizeLimitWebFilter(GatewaySettings settings) {
		this.maxBytes = settings.maxRequestBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		long declared = headers.getContentLength();
		if (declared > maxBytes) {
			return Mono.error(new PayloadTooLargeException(maxBytes));
		}
		// a declared length is enforced by the HTTP codec, and an HTTP/1.1 request with neither Content-Length nor
		// Transfer-Encoding has no body (the gateway does not serve HTTP/2): only a chunked body needs counting
		if (declared >= 0 || !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return chain.filter(exchange);
		}
		ServerHttpRequest limited = new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> {
					AtomicLong seen = new AtomicLong();
					return super.getBody().handle((buffer, sink) -> {
						if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
							DataBufferUtils.release(buffer);
							sink.error(new PayloadTooLargeException(maxBytes));
						}
						else {
							sink.next(buffer);
						}
					});
				});
			}
		};
		return chain.filter(exchange.mutate().request(limited).build());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
