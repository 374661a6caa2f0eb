package com.starrymeet.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.starrymeet.common.events.Topics;

/**
 * Renders every overlay under {@code deploy/k8s/overlays} with {@code kubectl kustomize} and checks each object
 * against the fleet's own code and settings ({@link Fleet}), so the manifests cannot drift from what the services
 * read. The rules themselves are shown to fail on broken objects in {@link ManifestChecksTest}.
 */
class K8sManifestsTest {

	static final Path HOME = Path.of(System.getProperty("starrymeet.home", "../..")).toAbsolutePath().normalize();

	static final Path K8S = Path.of(System.getProperty("k8s.dir", ".")).toAbsolutePath().normalize();

	static final Fleet FLEET = Fleet.read(HOME);

	private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

	/** The applications that must run several replicas (issue 12: shared rate limits, a full index each, sockets). */
	static final List<String> SEVERAL = List.of("gateway", "search-service", "notification-service");

	static Stream<String> overlays() {
		try (var dirs = Files.list(K8S.resolve("overlays"))) {
			return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Map<String, Object>> rendered(String overlay) {
		return RENDERED.computeIfAbsent(overlay, o -> Kustomize.render(K8S.resolve("overlays").resolve(o)));
	}

	static ManifestChecks checks(String overlay) {
		return new ManifestChecks(rendered(overlay));
	}

	/** Every Deployment scales with an HPA; the gateway, search and notification with two or more replicas always. */
	static Map<String, Integer> minReplicas(String overlay) {
		var min = new HashMap<String, Integer>();
		FLEET.apps().keySet().forEach(app -> min.put(app, overlay.equals("production") ? 2 : 1));
		SEVERAL.forEach(app -> min.put(app, overlay.equals("production") ? 3 : 2));
		return min;
	}

	@Test
	void theOverlaysAreLocalAndProduction() {
		assertThat(overlays().toList()).contains("local", "production");
	}

	@Test
	void theRepositoryIsReadNotAssumed() {
		// the facts the checks compare against come from the code; if parsing found nothing, every check would pass
		assertThat(FLEET.apps()).containsKeys("gateway", "user-service", "celebrity-service", "booking-service",
				"payment-service", "notification-service", "search-service", "analytics-service");
		var booking = FLEET.apps().get("booking-service");
		assertThat(booking.calls()).containsExactlyInAnyOrder("celebrity-service", "payment-service", "user-service");
		assertThat(booking.required()).contains("spring.datasource.url", "spring.datasource.password",
				"spring.kafka.bootstrap-servers", "starrymeet.booking.check-in-secret", "starrymeet.booking.catalog-url");
		assertThat(FLEET.apps().get("user-service").required()).contains("starrymeet.identity.signing-keys")
			.doesNotContain("starrymeet.identity.seed-admin.email", "starrymeet.identity.generate-missing-keys");
		assertThat(FLEET.apps().get("gateway").calls()).hasSize(7);
		assertThat(FLEET.apps().get("gateway").managementPort()).isNotEqualTo(FLEET.apps().get("gateway").serverPort());
		assertThat(FLEET.apps().get("payment-service").required()).contains("starrymeet.stripe.webhook-secret")
			.doesNotContain("starrymeet.stripe.api-base");
		assertThat(FLEET.apps().get("gateway").usesRedis()).isTrue();
		assertThat(FLEET.apps().get("analytics-service").usesRedis()).isFalse();
		assertThat(Topics.catalog()).isNotEmpty();
	}

	@Test
	void theBaseListsEveryManifestItHolds() throws IOException {
		var base = K8S.resolve("base");
		var kustomization = Files.readString(base.resolve("kustomization.yaml"));
		try (var files = Files.walk(base)) {
			var orphans = files.filter(f -> f.toString().endsWith(".yaml"))
				.map(f -> base.relativize(f).toString())
				.filter(f -> !f.equals("kustomization.yaml"))
				.filter(f -> !kustomization.contains("- " + f))
				.toList();
			assertThat(orphans).as("files under base/ that base/kustomization.yaml does not list").isEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyContainerHasProbesLimitsALockedDownContextAndAPinnedImage(String overlay) {
		assertThat(checks(overlay).workloads()).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyDeploymentHasADisruptionBudgetAndAnAutoscaler(String overlay) {
		assertThat(checks(overlay).availability(minReplicas(overlay))).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void networkPoliciesDenyByDefaultAndAllowOnlyWhatTheCodeCalls(String overlay) {
		assertThat(checks(overlay).networkPolicies(FLEET)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everySettingAServiceReadsInProductionIsProvidedThroughTheEnvironment(String overlay) {
		assertThat(checks(overlay).environment(FLEET)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void secretsAreReferencedNeverCommittedAndEachIsDocumented(String overlay) throws IOException {
		assertThat(checks(overlay).secrets(Files.readString(K8S.resolve("README.md")),
				Files.readString(K8S.resolve("create-secrets.sh"))))
			.isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void shutdownOutlastsTheGatewaysResponseTimeout(String overlay) {
		var gateway = FLEET.apps().get("gateway").settings();
		var timeout = Duration.ofMillis(Long.parseLong(String.valueOf(gateway.get("starrymeet.gateway.timeouts.response-ms"))));
		assertThat(checks(overlay).shutdown(timeout)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyTopicOfTheCodesCatalogIsAKafkaTopic(String overlay) {
		assertThat(checks(overlay).topics(Topics.catalog())).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void theIngressTerminatesTlsInFrontOfTheGatewayAndPrometheusScrapesEveryApplication(String overlay) {
		assertThat(checks(overlay).edge(FLEET)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void productionSettingsAreNotTheLocalOnes(String overlay) {
		var settings = new LinkedHashMap<String, Object>(
				ManifestChecks.map(new ManifestChecks(rendered(overlay)).ofKind("ConfigMap").stream()
					.filter(c -> ManifestChecks.name(c).startsWith("starrymeet-settings"))
					.findFirst()
					.orElseThrow(), "data"));
		if (overlay.equals("production")) {
			assertThat(settings).containsEntry("sms-provider", "twilio").containsEntry("otlp-tracing-enabled", "true");
			assertThat(settings.values()).noneMatch(v -> String.valueOf(v).contains("localhost"));
		}
		assertThat(settings).containsKey("trusted-proxies");
	}
}
