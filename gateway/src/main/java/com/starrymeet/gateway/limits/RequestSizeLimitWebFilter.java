package com.starrymeet.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

import com.starrymeet.gateway.GatewaySettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

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
		// Without Transfer-Encoding the HTTP/1.x codec enforces a declared length, and a request with neither header
		// has no body. Transfer-Encoding with a Content-Length too (an HTTP/1.0 request can keep both) is counted,
		// and so is any request that is not HTTP/1.x (an HTTP/2 body needs no length header).
		if (!headers.containsHeader(HttpHeaders.TRANSFER_ENCODING) && isHttp1(request)) {
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

	private static boolean isHttp1(ServerHttpRequest request) {
		return ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest netty
				&& netty.version().majorVersion() == 1;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
