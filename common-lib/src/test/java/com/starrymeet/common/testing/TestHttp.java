package com.starrymeet.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client for black-box tests: raw status, headers and body, nothing interpreted.
 */
public final class TestHttp {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private TestHttp(String base) {
		this.base = base;
	}

	public static TestHttp at(int port) {
		return new TestHttp("http://localhost:" + port);
	}

	public static TestHttp at(String base) {
		return new TestHttp(base);
	}

	public HttpResponse<String> get(String path, String... headers) {
		return send(request(path, headers).GET());
	}

	public HttpResponse<String> post(String path, String body, String contentType, String... headers) {
		var builder = request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body));
		builder.header("Content-Type", contentType);
		return send(builder);
	}

	public HttpResponse<String> method(String method, String path, String body, String... headers) {
		return send(request(path, headers).method(method, HttpRequest.BodyPublishers.ofString(body)));
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpRequest.Builder request(String path, String... headers) {
		var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return builder;
	}

	public static String bearer(String token) {
		return "Bearer " + token;
	}
}
