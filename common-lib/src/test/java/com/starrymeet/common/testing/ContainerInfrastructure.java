package com.starrymeet.common.testing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The container backend of the test infrastructure ({@code STARRYMEET_TEST_INFRASTRUCTURE=containers}): the same
 * PostgreSQL 17, KRaft Kafka and Redis as the embedded backend, each in a container of an image made on this machine
 * ({@code deploy/images/make-infra.sh}; names overridable: {@code STARRYMEET_TEST_POSTGRES_IMAGE}, {@code ..._KAFKA_IMAGE},
 * {@code ..._REDIS_IMAGE}), through whatever Docker-compatible engine Testcontainers finds ({@code DOCKER_HOST}; podman's
 * API here: {@code ./starrymeet test-containers}). Loaded only when asked for, so the embedded runs never touch
 * Testcontainers. Each container is started once per JVM and removed when the JVM exits.
 */
final class ContainerInfrastructure {

	static final String POSTGRES_PASSWORD = "postgres";

	static final String REDIS_PASSWORD = "test-redis";

	private static GenericContainer<?> postgres;

	private static GenericContainer<?> kafka;

	private static GenericContainer<?> redis;

	private static int kafkaPort;

	private static final Set<String> databases = new HashSet<>();

	private ContainerInfrastructure() {
	}

	/** Fails with the reason when no engine answers: a container run never passes without containers. */
	static void requireEngine() {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException("STARRYMEET_TEST_INFRASTRUCTURE=containers, but no container engine answers"
					+ " (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + "); ./starrymeet test-containers starts podman's");
		}
	}

	static synchronized String jdbcUrl(String database) {
		if (postgres == null) {
			requireEngine();
			var container = new GenericContainer<>(image("POSTGRES", "localhost/starrymeet/postgres:17"))
				.withEnv("POSTGRES_PASSWORD", POSTGRES_PASSWORD)
				.withExposedPorts(5432)
				.waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(2)));
			container.start();
			postgres = container;
			awaitPostgres();
			announce(container, 5432);
		}
		if (databases.add(database)) {
			try (var connection = DriverManager.getConnection(url("postgres"), "postgres", POSTGRES_PASSWORD);
					var statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + database);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot create database " + database, ex);
			}
		}
		return url(database);
	}

	static synchronized String kafkaBootstrapServers() {
		if (kafka == null) {
			requireEngine();
			// the broker must advertise the address clients reach it at: a host port chosen here, bound to the same
			// port inside the container
			kafkaPort = EmbeddedInfrastructure.freePort();
			@SuppressWarnings({ "deprecation", "resource" })
			var container = new FixedHostPortGenericContainer<>(image("KAFKA",
					"localhost/starrymeet/compose-infra:" + System.getProperty("starrymeet.version", "0.1.0-SNAPSHOT")).asCanonicalNameString())
				.withFixedExposedPort(kafkaPort, kafkaPort)
				.withCommand("kafka")
				.withEnv("KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:" + kafkaPort + ",CONTROLLER://127.0.0.1:9093")
				.withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://localhost:" + kafkaPort)
				.withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
				.withEnv("KAFKA_LOG_DIRS", "/tmp/kafka")
				.waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(2)));
			container.start();
			kafka = container;
			System.err.printf("[test infrastructure] container %s (%s) on localhost:%d%n", container.getDockerImageName(),
					container.getContainerId().substring(0, 12), kafkaPort);
		}
		return "localhost:" + kafkaPort;
	}

	static synchronized int redisPort() {
		if (redis == null) {
			requireEngine();
			var container = new GenericContainer<>(image("REDIS", "localhost/starrymeet/redis:8"))
				.withEnv("REDIS_PASSWORD", REDIS_PASSWORD)
				.withExposedPorts(6379)
				.waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(1)));
			container.start();
			redis = container;
			announce(container, 6379);
		}
		return redis.getMappedPort(6379);
	}

	/** What the tests' Spring contexts and clients also need to know. */
	static List<String> describe() {
		return List.of("postgres " + (postgres == null ? "-" : postgres.getDockerImageName()),
				"kafka " + (kafka == null ? "-" : kafka.getDockerImageName()),
				"redis " + (redis == null ? "-" : redis.getDockerImageName()));
	}

	/** Says in the test output what runs where: a container run is visibly one. */
	private static void announce(GenericContainer<?> container, int port) {
		System.err.printf("[test infrastructure] container %s (%s) on %s:%d%n", container.getDockerImageName(),
				container.getContainerId().substring(0, 12), container.getHost(), container.getMappedPort(port));
	}

	private static String url(String database) {
		return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
	}

	/** The image's first start runs initdb and restarts the server: wait until a connection is accepted. */
	private static void awaitPostgres() {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (true) {
			try (var connection = DriverManager.getConnection(url("postgres"), "postgres", POSTGRES_PASSWORD)) {
				connection.createStatement().execute("SELECT 1");
				return;
			}
			catch (SQLException ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("PostgreSQL in its container never accepted a connection", ex);
				}
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(interrupted);
				}
			}
		}
	}

	private static DockerImageName image(String what, String fallback) {
		var name = System.getenv("STARRYMEET_TEST_" + what + "_IMAGE");
		return DockerImageName.parse(name == null || name.isBlank() ? fallback : name);
	}
}
