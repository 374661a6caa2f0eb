package com.starrymeet.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.RedisServer;

/** A real Redis (embedded binary) on a free port, which a test may stop and start again. */
final class TestRedis {

	private final int port;

	private RedisServer server;

	private TestRedis(int port) {
		this.port = port;
	}

	static TestRedis start() {
		TestRedis redis = new TestRedis(Backends.freePort());
		redis.startAgain();
		Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
		return redis;
	}

	int port() {
		return port;
	}

	synchronized void startAgain() {
		try {
			server = new RedisServer(port);
			server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	synchronized void stop() {
		try {
			if (server != null && server.isActive()) {
				server.stop();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
