package com.starrymeet.compose;

import com.starrymeet.k8s.Fleet;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The top-level docker-compose.yml, parsed, checked against what the repository says each application needs
 * (deploy/local's launcher, each application.yml and pom: {@link Fleet}). {@link ComposeChecksTest} shows each rule
 * failing on a broken copy.
 */
class ComposeFileTest {

	static Path home;

	static Fleet fleet;

	static Compose compose;

	@BeforeAll
	static void read() {
		home = home();
		fleet = Fleet.read(home);
		compose = Compose.read(home.resolve("docker-compose.yml"));
	}

	static Path home() {
		return Path.of(System.getProperty("starrymeet.home", "../..")).toAbsolutePath().normalize();
	}

	static String version() {
		return System.getProperty("starrymeet.version", "0.1.0-SNAPSHOT");
	}

	@Test
	void everyApplicationIsAComposeService() {
		assertThat(fleet.apps()).hasSize(8);
		assertThat(compose.services()).containsKeys(fleet.apps().keySet().toArray(String[]::new))
			.containsKeys("postgres", "kafka", "redis", "mailbox", "stripe");
	}

	@Test
	void everySettingAServiceNeedsIsAnEnvironmentVariable() {
		assertThat(ComposeChecks.environment(fleet, compose)).isEmpty();
	}

	@Test
	void datasourceKafkaRedisJwksAndPeersAreComposeServices() {
		assertThat(ComposeChecks.endpoints(fleet, compose)).isEmpty();
	}

	@Test
	void everyServiceHasAHealthcheckAndTheApplicationsAskTheirReadiness() {
		assertThat(ComposeChecks.healthchecks(fleet, compose, healthcheckScript())).isEmpty();
	}

	@Test
	void startOrderWaitsForHealthyInfrastructure() {
		assertThat(ComposeChecks.dependencies(fleet, compose)).isEmpty();
	}

	@Test
	void imagesAreTaggedAndNotLatest() {
		assertThat(ComposeChecks.images(fleet, compose, version())).isEmpty();
	}

	@Test
	void noSecretIsCommitted() {
		assertThat(ComposeChecks.secrets(compose, envExample(), genEnv(), gitignore())).isEmpty();
	}

	@Test
	void variablesAreReplacedByEveryComposeImplementation() {
		assertThat(ComposeChecks.portableVariables(compose)).isEmpty();
	}

	@Test
	void dataLivesInNamedVolumes() {
		assertThat(ComposeChecks.volumes(compose)).isEmpty();
	}

	@Test
	void onlyTheGatewayIsPublished() {
		assertThat(ComposeChecks.ports(fleet, compose)).isEmpty();
	}

	static String healthcheckScript() {
		return ComposeChecks.read(home().resolve("deploy/images/jib/opt/starrymeet/bin/healthcheck"));
	}

	static String envExample() {
		return ComposeChecks.read(home().resolve("deploy/compose/.env.example"));
	}

	static String genEnv() {
		return ComposeChecks.read(home().resolve("deploy/compose/gen-env.sh"));
	}

	static String gitignore() {
		return ComposeChecks.read(home().resolve("deploy/compose/.gitignore"));
	}
}
