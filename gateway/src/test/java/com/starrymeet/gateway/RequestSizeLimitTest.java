package com.starrymeet.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Bodies over {@code starrymeet.gateway.max-request-bytes} are refused with 413, with or without a length. */
class RequestSizeLimitTest extends GatewayIntegrationTest {

	@LocalServerPort
	int port;


	@Test
	void contentLengthOverLimitIsPayloadTooLarge() {
		byte[] body = filled(MAX_REQUEST_BYTES + 1);

		client.post()
			.uri("/v1/uploads/images")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code").isEqualTo("PAYLOAD_TOO_LARGE")
			.jsonPath("$.type").isEqualTo("https://api.starrymeet.com/problems/payload-too-large")
			.jsonPath("$.status").isEqualTo(413)
			.jsonPath("$.instance").isEqualTo("/v1/uploads/images")
			.jsonPath("$.traceId").value(String.class, (traceId) -> assertThat(traceId).matches(TRACE_ID));

		BACKENDS.get("celebrity").verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void chunkedBodyOverLimitIsPayloadTooLarge() {
		client.post()
			.uri("/v1/uploads/images")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(BodyInserters.fromDataBuffers(chunks(8, 4 * 1024)))
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code").isEqualTo("PAYLOAD_TOO_LARGE");

		BACKENDS.get("celebrity").verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void chunkedBodyUnderLimitIsForwardedWhole() {
		int size = 3 * 4 * 1024;

		client.post()
			.uri("/v1/uploads/images")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(BodyInserters.fromDataBuffers(chunks(3, 4 * 1024)))
			.exchange()
			.expectStatus()
			.isOk();

		BACKENDS.get("celebrity")
			.verify(postRequestedFor(urlEqualTo("/v1/uploads/images")).withHeader("Content-Length", absent()));
		byte[] received = BACKENDS.get("celebrity")
			.findAll(postRequestedFor(urlEqualTo("/v1/uploads/images")))
			.get(0)
			.getBody();
		assertThat(received).hasSize(size);
	}

	@Test
	void bodyAtTheLimitIsForwarded() {
		client.post()
			.uri("/v1/uploads/images")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(filled(MAX_REQUEST_BYTES))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private static byte[] filled(int size) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, (byte) 'x');
		return bytes;
	}

	private static Flux<DataBuffer> chunks(int count, int chunkSize) {
		String chunk = "y".repeat(chunkSize);
		return Flux.range(0, count)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.US_ASCII)));
	}


	@Test
	void aChunkedBodyThatAlsoDeclaresASmallLengthIsCountedToo() throws Exception {
		// HTTP/1.0 with both headers: the codec may keep Content-Length while it reads chunks; the limit must still hold
		String chunk = "x".repeat(4 * 1024);
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
		}
		body.append("0\r\n\r\n");
		String request = "POST /v1/uploads/images HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer "
				+ TestTokens.ADMIN + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n"
				+ "Content-Length: 1\r\n\r\n" + body;
		String statusLine;
		try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			statusLine = new java.io.BufferedReader(
					new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}

		assertThat(statusLine).as("refused, never forwarded").matches("HTTP/1\\.[01] (413|400) .*");
		BACKENDS.get("celebrity").verify(0, anyRequestedFor(anyUrl()));
	}

}
