package com.starrymeet.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** Real HTTP backends (WireMock) standing in for the downstream services. */
final class Backends {

	static final List<String> SERVICES = List.of("user", "celebrity", "booking", "payment", "notification",
			"search", "analytics");

	/** Header each fake service answers with, naming itself. */
	static final String BACKEND_HEADER = "X-Backend";

	private Backends() {
	}

	/** A started backend that answers every request 200 with {@code X-Backend: <name>}. */
	static WireMockServer start(String name) {
		return start(name, 0);
	}

	static WireMockServer start(String name, int port) {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options()
			.port(port)
			.bindAddress("127.0.0.1")
			.containerThreads(12)
			.jettyAcceptors(1));
		server.start();
		server.stubFor(any(anyUrl()).atPriority(10)
			.willReturn(aResponse().withStatus(200)
				.withHeader(BACKEND_HEADER, name)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"success\":true,\"data\":{\"service\":\"" + name + "\"}}")));
		server.stubFor(get(urlEqualTo("/actuator/health/readiness")).atPriority(1)
			.willReturn(okJson("{\"status\":\"UP\"}")));
		return server;
	}

	/** Makes the backend serve the test signing key's JWKS, as user-service does. */
	static WireMockServer servingJwks(WireMockServer server) {
		server.stubFor(get(urlEqualTo(JWKS_PATH)).atPriority(1)
			.willReturn(okJson(TestTokens.jwks()).withHeader(BACKEND_HEADER, "user")));
		return server;
	}

	static final String JWKS_PATH = "/.well-known/jwks.json";

	/** One started backend per service, keyed by service name. */
	static Map<String, WireMockServer> fleet() {
		Map<String, WireMockServer> fleet = new LinkedHashMap<>();
		SERVICES.forEach((name) -> fleet.put(name, start(name)));
		servingJwks(fleet.get("user"));
		return fleet;
	}

	/** A local port with nothing listening on it (right now). */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
