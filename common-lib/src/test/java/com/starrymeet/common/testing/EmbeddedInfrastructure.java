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
 * redis-server.
 */
public final class EmbeddedInfrastructure {

	private static EmbeddedPostgres postgres;

	private static EmbeddedKafkaBroker kafka;

	private static RedisServer redis;

	private static int redisPort;

	private static final Set<String> databases = new HashSet<>();

	private EmbeddedInfrastructure() {
	}

	/** JDBC URL of {@code database}, created on first request. */
	public static synchronized String jdbcUrl(String database) {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
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
		if (kafka == null) {
			var broker = new EmbeddedKafkaKraftBroker(1, 1);
			broker.brokerProperty("auto.create.topics.enable", "true");
			broker.afterPropertiesSet();
			kafka = broker;
			Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
		}
		return kafka.getBrokersAsString();
	}

	public static synchronized int redisPort() {
		if (redis == null) {
			try {
				redisPort = freePort();
				redis = new RedisServer(redisPort);
				redis.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					redis.stop();
				}
				catch (IOException ignored) {
					// JVM is exiting
				}
			}));
		}
		return redisPort;
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
