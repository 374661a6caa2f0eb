package com.starrymeet.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/ws} reaches notification-service as a WebSocket through the gateway, without a token on the upgrade (a
 * browser cannot send one; the service authenticates the first frame): frames go both ways unchanged. The stand-in
 * for notification-service is a Reactor Netty WebSocket server that answers each text frame with {@code echo:} +
 * the frame.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "logging.structured.format.console=")
class WebSocketRoutingTest {

	static final WireMockServer BACKEND = Backends.servingJwks(Backends.start("any"));

	static final TestRedis REDIS = TestRedis.start();

	static final DisposableServer NOTIFICATION = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.route(routes -> routes.ws("/v1/ws",
				(in, out) -> out.sendString(in.receive().asString().map(frame -> "echo:" + frame))))
		.bindNow();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		Backends.SERVICES.forEach((name) -> registry.add("starrymeet.gateway.services." + name, BACKEND::baseUrl));
		registry.add("starrymeet.gateway.services.notification", () -> "http://127.0.0.1:" + NOTIFICATION.port());
		registry.add("spring.data.redis.port", REDIS::port);
	}

	@AfterAll
	static void stop() {
		NOTIFICATION.disposeNow();
	}

	@Test
	void framesGoBothWaysThroughTheGatewayWithoutATokenOnTheUpgrade() throws Exception {
		var answers = new java.util.concurrent.LinkedBlockingQueue<String>();
		var socket = java.net.http.HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create("ws://localhost:" + port + "/v1/ws"), new java.net.http.WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
					answers.add(data.toString());
					webSocket.request(1);
					return null;
				}
			})
			.get(20, TimeUnit.SECONDS);

		socket.sendText("{\"type\":\"auth\",\"token\":\"t\"}", true).get(10, TimeUnit.SECONDS);

		assertThat(answers.poll(20, TimeUnit.SECONDS)).isEqualTo("echo:{\"type\":\"auth\",\"token\":\"t\"}");
		// a live connection outlives the routes' 5 s response timeout: it is not an HTTP response waiting
		Thread.sleep(Duration.ofSeconds(7));
		socket.sendText("still there?", true).get(10, TimeUnit.SECONDS);
		assertThat(answers.poll(20, TimeUnit.SECONDS)).isEqualTo("echo:still there?");
		socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
	}
}
