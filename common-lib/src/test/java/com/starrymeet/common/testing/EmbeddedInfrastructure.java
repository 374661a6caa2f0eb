package com.starrymeet.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import redis.embedded.RedisServer;

/**
 * Real infrastructure for tests, each started once per JVM on first use and stopped when the JVM exits:
 * PostgreSQL 17 (zonky embedded binaries, one database per service), a single-node KRaft Kafka and a
 * redis-server. With {@code STARRYMEET_TEST_INFRASTRUCTURE=containers} (environment, or the system property
 * {@code starrymeet.test.infrastructure}) the same three run in containers instead ({@link ContainerInfrastructure},
 * Testcontainers); the tests are the same.
 */
public final class EmbeddedInfrastructure {

	private static EmbeddedPostgres postgres;

	private static EmbeddedKafkaBroker kafka;

	private static RedisServer redis;

	private static int redisPort;

	private static final Set<String> databases = new HashSet<>();

	/** Whether this JVM's tests run on containers ({@link ContainerInfrastructure}) rather than embedded processes. */
	public static final boolean CONTAINERS = "containers".equalsIgnoreCase(System.getProperty(
			"starrymeet.test.infrastructure", System.getenv().getOrDefault("STARRYMEET_TEST_INFRASTRUCTURE", "embedded")));

	private EmbeddedInfrastructure() {
	}

	/** The password of the test Redis (the container image requires one), or null for the embedded redis-server. */
	public static @org.jspecify.annotations.Nullable String redisPassword() {
		return CONTAINERS ? ContainerInfrastructure.REDIS_PASSWORD : null;
	}

	/** JDBC URL of {@code database}, created on first request. */
	public static synchronized String jdbcUrl(String database) {
		if (CONTAINERS) {
			return ContainerInfrastructure.jdbcUrl(database);
		}
		if (postgres == null) {
			try {
				// stopped by afterApplicationsClosed, not by zonky's own hook (which raced the contexts' close)
				postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			afterApplicationsClosed("postgres", () -> closeQuietly(postgres));
		}
		if (databases.add(database)) {
			try (var connection = postgres.getPostgresDatabase().getConnection();
					var statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + database);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot create database " + database, ex);
			}
		}
		return postgres.getJdbcUrl("postgres", database);
	}

	public static synchronized String kafkaBootstrapServers() {
		if (CONTAINERS) {
			return ContainerInfrastructure.kafkaBootstrapServers();
		}
		if (kafka == null) {
			var broker = new EmbeddedKafkaKraftBroker(1, 1);
			broker.brokerProperty("auto.create.topics.enable", "true");
			broker.afterPropertiesSet();
			kafka = broker;
			afterApplicationsClosed("kafka", broker::destroy);
		}
		return kafka.getBrokersAsString();
	}

	public static synchronized int redisPort() {
		if (CONTAINERS) {
			return ContainerInfrastructure.redisPort();
		}
		if (redis == null) {
			try {
				redisPort = freePort();
				redis = new RedisServer(redisPort);
				redis.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			afterApplicationsClosed("redis", () -> {
				try {
					redis.stop();
				}
				catch (IOException ignored) {
					// JVM is exiting
				}
			});
		}
		return redisPort;
	}

	/**
	 * Stops a piece of infrastructure at JVM exit, but only once the Spring contexts of the tests have closed: the
	 * JVM runs shutdown hooks concurrently, and a context closing against a database or broker already gone waits
	 * for its connection timeouts (Modulith's registry reads incomplete publications on close), which held test
	 * JVMs past Surefire's exit timeout ("Surefire is going to kill self fork JVM").
	 */
	private static void afterApplicationsClosed(String name, Runnable stop) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
			long appearBy = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);
			while (System.nanoTime() < deadline) {
				var springHooks = Thread.getAllStackTraces()
					.keySet()
					.stream()
					.filter(t -> t.getName().equals("SpringApplicationShutdownHook") && t.isAlive())
					.toList();
				if (springHooks.isEmpty() && System.nanoTime() > appearBy) {
					break;
				}
				for (var hook : springHooks) {
					try {
						hook.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
				if (springHooks.isEmpty()) {
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
			stop.run();
		}, "embedded-" + name + "-stop"));
	}

	public static int freePort() {
		try (var socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ignored) {
			// JVM is exiting
		}
	}
}
