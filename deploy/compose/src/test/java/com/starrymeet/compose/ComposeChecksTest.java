package com.starrymeet.compose;

import com.starrymeet.k8s.Fleet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of {@link ComposeChecks} fails on a copy of the real docker-compose.yml broken in one place. */
class ComposeChecksTest {

	static Fleet fleet;

	static Compose real;

	@BeforeAll
	static void read() {
		fleet = Fleet.read(ComposeFileTest.home());
		real = Compose.read(ComposeFileTest.home().resolve("docker-compose.yml"));
	}

	private static Map<String, Object> env(Compose compose, String service) {
		return Compose.environmentMap(compose.service(service));
	}

	@Test
	void aMissingSecretFails() {
		var broken = real.copy();
		env(broken, "user-service").remove("STARRYMEET_IDENTITY_SIGNINGKEYS");
		assertThat(ComposeChecks.environment(fleet, broken))
			.anySatisfy(problem -> assertThat(problem).contains("user-service").contains("starrymeet.identity.signing-keys"));
	}

	@Test
	void aMissingPlaceholderWithoutDefaultFails() {
		var broken = real.copy();
		env(broken, "notification-service").remove("TWILIO_AUTH_TOKEN");
		assertThat(ComposeChecks.environment(fleet, broken))
			.anySatisfy(problem -> assertThat(problem).contains("starrymeet.notification.sms.twilio.auth-token"));
	}

	@Test
	void aMissingLauncherSettingFails() {
		var broken = real.copy();
		env(broken, "search-service").remove("STARRYMEET_SEARCH_INDEXDIR");
		assertThat(ComposeChecks.environment(fleet, broken))
			.anySatisfy(problem -> assertThat(problem).contains("starrymeet.search.index-dir"));
	}

	@Test
	void aSecretWithALiteralValueFails() {
		var broken = real.copy();
		env(broken, "booking-service").put("STARRYMEET_CHECK_IN_SECRET", "hunter2");
		assertThat(ComposeChecks.environment(fleet, broken))
			.anySatisfy(problem -> assertThat(problem).contains("secret starrymeet.booking.check-in-secret"));
		assertThat(ComposeChecks.secrets(broken, ComposeFileTest.envExample(), ComposeFileTest.genEnv(),
				ComposeFileTest.gitignore()))
			.anySatisfy(problem -> assertThat(problem).contains("STARRYMEET_CHECK_IN_SECRET").contains("hunter2"));
	}

	@Test
	void aLocalOnlySettingFails() {
		var broken = real.copy();
		env(broken, "user-service").put("STARRYMEET_IDENTITY_GENERATEMISSINGKEYS", "true");
		assertThat(ComposeChecks.environment(fleet, broken))
			.anySatisfy(problem -> assertThat(problem).contains("local-only"));
	}

	@Test
	void aDatasourceOnLocalhostOrAnotherDatabaseFails() {
		var broken = real.copy();
		env(broken, "booking-service").put("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:5432/starrymeet_booking");
		env(broken, "payment-service").put("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/starrymeet_booking");
		assertThat(ComposeChecks.endpoints(fleet, broken))
			.anySatisfy(problem -> assertThat(problem).contains("booking-service").contains("localhost").contains("no compose service"))
			.anySatisfy(problem -> assertThat(problem).contains("payment-service").contains("its own is starrymeet_payment"));
	}

	@Test
	void kafkaRedisOrAPeerElsewhereFails() {
		var broken = real.copy();
		env(broken, "analytics-service").put("SPRING_KAFKA_BOOTSTRAPSERVERS", "broker:9092");
		env(broken, "gateway").put("SPRING_DATA_REDIS_PORT", "6380");
		env(broken, "booking-service").put("STARRYMEET_BOOKING_PAYMENTURL", "http://payment-service:8083");
		env(broken, "search-service").remove("STARRYMEET_SEARCH_AVAILABILITYURL");
		assertThat(ComposeChecks.endpoints(fleet, broken))
			.anySatisfy(problem -> assertThat(problem).contains("analytics-service").contains("broker"))
			.anySatisfy(problem -> assertThat(problem).contains("gateway").contains("6380"))
			.anySatisfy(problem -> assertThat(problem).contains("booking-service").contains("payment-service on port 8083"))
			.anySatisfy(problem -> assertThat(problem).contains("search-service: calls booking-service"));
	}

	@Test
	void aWrongJwksUriOrRedisPasswordFails() {
		var broken = real.copy();
		env(broken, "celebrity-service").put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI",
				"http://user-service:8081/jwks");
		env(broken, "notification-service").remove("SPRING_DATA_REDIS_PASSWORD");
		assertThat(ComposeChecks.endpoints(fleet, broken))
			.anySatisfy(problem -> assertThat(problem).contains("celebrity-service: the JWKS URI"))
			.anySatisfy(problem -> assertThat(problem).contains("notification-service: Redis asks for a password"));
	}

	@Test
	void aMissingOrWrongHealthcheckFails() {
		var broken = real.copy();
		broken.service("redis").remove("healthcheck");
		health(broken, "booking-service").put("test", List.of("CMD", ComposeChecks.HEALTHCHECK, "8084"));
		health(broken, "gateway").put("test", List.of("CMD", ComposeChecks.HEALTHCHECK, "8080"));
		health(broken, "search-service").put("test", List.of("CMD", ComposeChecks.HEALTHCHECK, "8086", "/actuator/health"));
		health(broken, "analytics-service").put("test", List.of("CMD", "java", "-version"));
		var script = ComposeFileTest.healthcheckScript();
		assertThat(ComposeChecks.healthchecks(fleet, broken, script))
			.anySatisfy(problem -> assertThat(problem).isEqualTo("redis: no healthcheck"))
			.anySatisfy(problem -> assertThat(problem).contains("booking-service").contains("port 8083"))
			.anySatisfy(problem -> assertThat(problem).contains("gateway").contains("port 9080"))
			.anySatisfy(problem -> assertThat(problem).contains("search-service").contains("/actuator/health/readiness"))
			.anySatisfy(problem -> assertThat(problem).contains("analytics-service").contains("must run"));
		assertThat(ComposeChecks.healthchecks(fleet, real,
				script.replace("path=${2:-/actuator/health/readiness}", "path=${2:-/}")))
			.anySatisfy(problem -> assertThat(problem).contains("does not GET /actuator/health/readiness"));
	}

	@Test
	void aMissingOrUnhealthyDependencyFails() {
		var broken = real.copy();
		dependsOn(broken, "payment-service").remove("postgres");
		dependsOn(broken, "user-service").put("kafka", Map.of("condition", "service_started"));
		dependsOn(broken, "gateway").remove("search-service");
		broken.service("celebrity-service").put("depends_on", new ArrayList<>(List.of("postgres", "kafka", "redis", "user-service")));
		assertThat(ComposeChecks.dependencies(fleet, broken))
			.anySatisfy(problem -> assertThat(problem).contains("payment-service: must depend on postgres"))
			.anySatisfy(problem -> assertThat(problem).contains("user-service: depends on kafka with condition service_started"))
			.anySatisfy(problem -> assertThat(problem).contains("gateway: must depend on search-service"))
			.anySatisfy(problem -> assertThat(problem).contains("celebrity-service: depends on postgres with condition null"));
	}

	@Test
	void aDependencyCycleFails() {
		var broken = real.copy();
		dependsOn(broken, "user-service").put("gateway", Map.of("condition", "service_healthy"));
		assertThat(ComposeChecks.dependencies(fleet, broken))
			.anySatisfy(problem -> assertThat(problem).startsWith("depends_on has a cycle"));
	}

	@Test
	void latestOrUntaggedImagesFail() {
		var broken = real.copy();
		broken.service("gateway").put("image", "starrymeet/gateway:latest");
		broken.service("redis").put("image", "starrymeet/redis");
		broken.service("user-service").put("image", "starrymeet/user-service:${STARRYMEET_VERSION:-0.0.9}");
		assertThat(ComposeChecks.images(fleet, broken, ComposeFileTest.version()))
			.anySatisfy(problem -> assertThat(problem).startsWith("gateway: image starrymeet/gateway:latest"))
			.anySatisfy(problem -> assertThat(problem).startsWith("redis: image"))
			.anySatisfy(problem -> assertThat(problem).contains("user-service: image must be starrymeet/user-service:"));
	}

	@Test
	void committedSecretsFail() {
		var broken = real.copy();
		env(broken, "postgres").put("POSTGRES_PASSWORD", "${POSTGRES_PASSWORD:-postgres}");
		env(broken, "payment-service").put("STRIPE_API_KEY_EXTRA", "${EXTRA_KEY:?set it}");
		assertThat(ComposeChecks.secrets(broken, ComposeFileTest.envExample(), ComposeFileTest.genEnv(),
				ComposeFileTest.gitignore()))
			.anySatisfy(problem -> assertThat(problem).contains("postgres: POSTGRES_PASSWORD looks secret"))
			.anySatisfy(problem -> assertThat(problem).contains("EXTRA_KEY is required by docker-compose.yml but not listed"))
			.anySatisfy(problem -> assertThat(problem).contains("EXTRA_KEY is required by docker-compose.yml but gen-env.sh"));
		assertThat(ComposeChecks.secrets(real, ComposeFileTest.envExample() + "\nREDIS_PASSWORD=0123abcd\n",
				ComposeFileTest.genEnv().replace("\"REDIS_PASSWORD=", "\"REDIS_PASS="), "target/\n"))
			.anySatisfy(problem -> assertThat(problem).contains(".env.example: REDIS_PASSWORD must be a placeholder"))
			.anySatisfy(problem -> assertThat(problem).contains("REDIS_PASSWORD is required by docker-compose.yml but gen-env.sh"))
			.anySatisfy(problem -> assertThat(problem).contains(".gitignore must ignore .env"));
		assertThat(ComposeChecks.secrets(real, ComposeFileTest.envExample(),
				ComposeFileTest.genEnv().replace("for service in USER CELEBRITY", "for service in USER"),
				ComposeFileTest.gitignore()))
			.anySatisfy(problem -> assertThat(problem).contains("CELEBRITY_DB_PASSWORD is required"));
	}

	@Test
	void anEmptyDefaultFails() {
		var broken = real.copy();
		env(broken, "gateway").put("STARRYMEET_GATEWAY_TRUSTED_PROXIES", "${GATEWAY_TRUSTED_PROXIES:-}");
		assertThat(ComposeChecks.portableVariables(broken))
			.singleElement()
			.satisfies(problem -> assertThat(problem).startsWith("gateway: STARRYMEET_GATEWAY_TRUSTED_PROXIES"));
	}

	@Test
	void dataOutsideNamedVolumesFails() {
		var broken = real.copy();
		broken.service("postgres").put("volumes", List.of("./data/pg:/var/lib/postgresql/data"));
		env(broken, "kafka").put("KAFKA_LOG_DIRS", "/tmp/kafka");
		broken.service("search-service").put("volumes", List.of("undeclared:/var/lib/starrymeet"));
		assertThat(ComposeChecks.volumes(broken))
			.anySatisfy(problem -> assertThat(problem).contains("postgres: /var/lib/postgresql/data must be on a named volume"))
			.anySatisfy(problem -> assertThat(problem).contains("kafka: /tmp/kafka must be on a named volume"))
			.anySatisfy(problem -> assertThat(problem).contains("volume undeclared is not declared"));
	}

	@Test
	void publishedServicesFail() {
		var broken = real.copy();
		broken.service("payment-service").put("ports", List.of("8084:8084"));
		broken.service("gateway").remove("ports");
		assertThat(ComposeChecks.ports(fleet, broken))
			.anySatisfy(problem -> assertThat(problem).contains("payment-service: publishes"))
			.anySatisfy(problem -> assertThat(problem).contains("gateway: must publish its port 8080"));
	}

	@Test
	void composeVariablesResolveLikeCompose() {
		assertThat(Compose.resolveDefaults("a:${X:-1.0}/${Y:?need Y}/${Z-}")).isEqualTo("a:1.0/${Y}/");
		assertThat(Compose.variables("${A:?x} ${B:-y} ${C}")).isEqualTo(orderedMap("A", "required", "B", "default", "C", "plain"));
		assertThat(ComposeChecks.requiredVariableOnly("${A:?run gen-env.sh}")).isTrue();
		assertThat(ComposeChecks.requiredVariableOnly("x${A:?run}")).isFalse();
	}

	private static Map<String, String> orderedMap(String... pairs) {
		var map = new LinkedHashMap<String, String>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> health(Compose compose, String service) {
		return (Map<String, Object>) compose.service(service).get("healthcheck");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> dependsOn(Compose compose, String service) {
		return (Map<String, Object>) compose.service(service).get("depends_on");
	}
}
