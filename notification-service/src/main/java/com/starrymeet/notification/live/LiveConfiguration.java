package com.starrymeet.notification.live;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * {@code /v1/ws}. Any origin may open it: nothing rides on cookies, the first frame carries the access token (the
 * browser cannot set an Authorization header on the upgrade), so a foreign page gains nothing by connecting.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveConfiguration implements WebSocketConfigurer {

	private final LiveSocketHandler handler;

	LiveConfiguration(LiveSocketHandler handler) {
		this.handler = handler;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(handler, "/v1/ws").setAllowedOriginPatterns("*");
	}
}
