package com.starrymeet.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.starrymeet.common.events.Topics;

/**
 * Each rule of {@link ManifestChecks} fails on a broken object: the production overlay is rendered, one thing is
 * broken in a copy, and the check must name it. (The unbroken copy passes: K8sManifestsTest.)
 */
class ManifestChecksTest {

	private static final Fleet FLEET = K8sManifestsTest.FLEET;

	private static final String PRODUCTION = new Yaml().dumpAll(K8sManifestsTest.rendered("production").iterator());

	private List<Map<String, Object>> objects;

	@BeforeEach
	void copy() {
		// a deep copy of the rendered overlay, to break
		this.objects = Kustomize.parse(PRODUCTION);
	}

	private ManifestChecks checks() {
		return new ManifestChecks(this.objects);
	}

	private Map<String, Object> object(String kind, String name) {
		var found = checks().find(kind, name);
		assertThat(found).as(kind + " " + name).isNotNull();
		return found;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> container(String deployment) {
		var pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) object("Deployment", deployment)
			.get("spec")).get("template")).get("spec");
		return ((List<Map<String, Object>>) pod.get("containers")).get(0);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> podSpec(String deployment) {
		return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) object("Deployment", deployment)
			.get("spec")).get("template")).get("spec");
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> env(String deployment) {
		return (List<Map<String, Object>>) container(deployment).get("env");
	}

	private void remove(String kind, String name) {
		assertThat(this.objects.removeIf(o -> kind.equals(o.get("kind")) && name.equals(ManifestChecks.name(o))))
			.as("removed " + kind + " " + name)
			.isTrue();
	}

	private void add(String yaml) {
		this.objects.addAll(Kustomize.parse(yaml));
	}

	@Test
	void aMissingProbeFails() {
		assertThat(checks().workloads()).isEmpty();
		container("booking-service").remove("readinessProbe");
		assertThat(checks().workloads()).containsExactly("Deployment booking-service container booking-service: no readinessProbe");
	}

	@Test
	void aMissingLimitFails() {
		((Map<?, ?>) ((Map<?, ?>) container("search-service").get("resources")).get("limits")).remove("memory");
		assertThat(checks().workloads()).containsExactly("Deployment search-service container search-service: no resources.limits.memory");
	}

	@Test
	void aWritableRootOrARootUserOrEscalationFails() {
		@SuppressWarnings("unchecked")
		var security = (Map<String, Object>) container("gateway").get("securityContext");
		security.put("readOnlyRootFilesystem", false);
		security.put("allowPrivilegeEscalation", true);
		security.put("runAsNonRoot", false);
		security.put("capabilities", Map.of("drop", List.of("NET_RAW")));
		assertThat(checks().workloads()).containsExactlyInAnyOrder(
				"Deployment gateway container gateway: readOnlyRootFilesystem must be true",
				"Deployment gateway container gateway: allowPrivilegeEscalation must be false",
				"Deployment gateway container gateway: runAsNonRoot must be true",
				"Deployment gateway container gateway: capabilities must drop ALL");
	}

	@Test
	void latestOrNoTagFails() {
		container("user-service").put("image", "registry.starrymeet.example/starrymeet/user-service:latest");
		container("payment-service").put("image", "registry.example:5000/starrymeet/payment-service");
		assertThat(checks().workloads()).hasSize(2)
			.anyMatch(v -> v.contains("user-service") && v.contains("must not use the tag 'latest'"))
			.anyMatch(v -> v.contains("payment-service") && v.contains("has no tag"));
		assertThat(ManifestChecks.imageProblem("starrymeet/x@sha256:abc")).isNull();
		assertThat(ManifestChecks.imageProblem("starrymeet/x:0.1.0")).isNull();
		assertThat(ManifestChecks.imageProblem("starrymeet/x:")).isNotNull();
	}

	@Test
	void aTokenMountedOrServiceLinksOrNoTmpFail() {
		podSpec("analytics-service").put("automountServiceAccountToken", true);
		podSpec("analytics-service").remove("enableServiceLinks");
		container("analytics-service").put("volumeMounts", List.of());
		assertThat(checks().workloads()).hasSize(3).allMatch(v -> v.startsWith("Deployment analytics-service"));
	}

	@Test
	void aDeploymentWithoutPdbOrHpaOrWithTooFewReplicasFails() {
		var min = K8sManifestsTest.minReplicas("production");
		assertThat(checks().availability(min)).isEmpty();
		remove("PodDisruptionBudget", "search-service");
		remove("HorizontalPodAutoscaler", "celebrity-service");
		@SuppressWarnings("unchecked")
		var spec = (Map<String, Object>) object("HorizontalPodAutoscaler", "notification-service").get("spec");
		spec.put("minReplicas", 1);
		assertThat(checks().availability(min)).containsExactlyInAnyOrder(
				"Deployment search-service: no PodDisruptionBudget selects its pods",
				"Deployment celebrity-service: no HorizontalPodAutoscaler",
				"HorizontalPodAutoscaler notification-service: minReplicas 1 < 3 for notification-service");
	}

	@Test
	void withoutDefaultDenyOrWithAnUnnamedAllowPoliciesFail() {
		assertThat(checks().networkPolicies(FLEET)).isEmpty();
		remove("NetworkPolicy", "default-deny");
		assertThat(checks().networkPolicies(FLEET)).contains(
				"no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)");
		add("""
				apiVersion: networking.k8s.io/v1
				kind: NetworkPolicy
				metadata: {name: allow-all-ingress}
				spec:
				  podSelector: {}
				  policyTypes: [Ingress]
				  ingress: [{}]
				""");
		assertThat(checks().networkPolicies(FLEET))
			.contains("NetworkPolicy allow-all-ingress: an allow policy must name the pods it selects (podSelector is empty)")
			.anyMatch(v -> v.startsWith("payment-service:8084 is reachable from [analytics-service, booking-service,"));
	}

	@Test
	void aServiceReachingAnotherDatabaseOrAPeerItNeverCallsFails() {
		add("""
				apiVersion: networking.k8s.io/v1
				kind: NetworkPolicy
				metadata: {name: analytics-too-much}
				spec:
				  podSelector: {matchLabels: {app.kubernetes.io/name: analytics-service}}
				  policyTypes: [Egress]
				  egress:
				    - to: [{podSelector: {matchLabels: {cnpg.io/cluster: payment-db}}}]
				      ports: [{port: 5432}]
				    - to: [{podSelector: {matchLabels: {app.kubernetes.io/name: payment-service}}}]
				      ports: [{port: 8084}]
				    - to: [{podSelector: {matchLabels: {app: redis}}}]
				      ports: [{port: 6379}]
				    - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
				      ports: [{port: 25}]
				""");
		assertThat(checks().networkPolicies(FLEET)).containsExactlyInAnyOrder(
				"analytics-service may reach payment-service although it never calls it",
				"analytics-service may reach another service's database payment-db",
				"analytics-service may reach Redis redis but is not configured to use it",
				"analytics-service may reach ports [25] outside the cluster; its settings name providers on [] only");
	}

	@Test
	void aMissingCallOrDatabaseRuleFails() {
		// search-service's policy without its calls to booking-service, and user-db accepting nobody
		@SuppressWarnings("unchecked")
		var egress = (List<Map<String, Object>>) ((Map<String, Object>) object("NetworkPolicy", "search-service").get("spec"))
			.get("egress");
		egress.removeIf(rule -> String.valueOf(rule).contains("app.kubernetes.io/name=booking-service"));
		@SuppressWarnings("unchecked")
		var dbSpec = (Map<String, Object>) object("NetworkPolicy", "user-db").get("spec");
		dbSpec.put("ingress", new ArrayList<>());
		assertThat(checks().networkPolicies(FLEET)).containsExactlyInAnyOrder(
				"search-service calls booking-service:8083 but no policy lets it (egress)",
				"user-db does not accept user-service");
	}

	@Test
	void aSettingTheServiceReadsButNobodySetsFails() {
		assertThat(checks().environment(FLEET)).isEmpty();
		env("booking-service").removeIf(e -> e.get("name").equals("STARRYMEET_CHECK_IN_SECRET"));
		env("notification-service").removeIf(e -> e.get("name").equals("TWILIO_AUTH_TOKEN"));
		env("gateway").removeIf(e -> e.get("name").equals("STARRYMEET_GATEWAY_SERVICES_SEARCH"));
		assertThat(checks().environment(FLEET)).containsExactlyInAnyOrder(
				"booking-service reads starrymeet.booking.check-in-secret in production but none of "
						+ "[STARRYMEET_CHECK_IN_SECRET, STARRYMEET_BOOKING_CHECKINSECRET, STARRYMEET_BOOKING_CHECK_IN_SECRET] is set",
				"notification-service reads starrymeet.notification.sms.twilio.auth-token in production but none of "
						+ "[TWILIO_AUTH_TOKEN, STARRYMEET_NOTIFICATION_SMS_TWILIO_AUTHTOKEN, STARRYMEET_NOTIFICATION_SMS_TWILIO_AUTH_TOKEN] is set",
				"gateway reads starrymeet.gateway.services.search in production but none of [STARRYMEET_GATEWAY_SERVICES_SEARCH] is set");
	}

	@Test
	void localOnlySettingsAWrongDatabaseAnEmptyValueOrAMissingConfigKeyFail() {
		env("user-service").add(new LinkedHashMap<>(Map.of("name", "STARRYMEET_IDENTITY_SEEDADMIN_EMAIL", "value", "a@b.c")));
		env("payment-service").stream().filter(e -> e.get("name").equals("SPRING_DATASOURCE_URL"))
			.forEach(e -> e.put("value", "jdbc:postgresql://booking-db-rw:5432/starrymeet_booking"));
		env("search-service").stream().filter(e -> e.get("name").equals("STARRYMEET_SEARCH_CATALOGURL"))
			.forEach(e -> e.put("value", ""));
		env("notification-service").stream().filter(e -> e.get("name").equals("SPRING_MAIL_HOST"))
			.forEach(e -> e.put("valueFrom", Map.of("configMapKeyRef", Map.of("name", configMap(), "key", "no-such-key"))));
		assertThat(checks().environment(FLEET)).containsExactlyInAnyOrder(
				"user-service: STARRYMEET_IDENTITY_SEEDADMIN_EMAIL (starrymeet.identity.seed-admin.email) belongs to the local fleet only",
				"payment-service: SPRING_DATASOURCE_URL jdbc:postgresql://booking-db-rw:5432/starrymeet_booking is not its "
						+ "cluster's primary (payment-db-rw, database starrymeet_payment)",
				"search-service: STARRYMEET_SEARCH_CATALOGURL has no value",
				"notification-service: SPRING_MAIL_HOST refers to key no-such-key that ConfigMap " + configMap() + " lacks");
	}

	private String configMap() {
		return checks().ofKind("ConfigMap").stream().map(ManifestChecks::name)
			.filter(n -> n.startsWith("starrymeet-settings")).findFirst().orElseThrow();
	}

	@Test
	void probesOnTheWrongPortOrPathFail() {
		@SuppressWarnings("unchecked")
		var probe = (Map<String, Object>) ((Map<String, Object>) container("gateway").get("readinessProbe")).get("httpGet");
		probe.put("port", "http");
		@SuppressWarnings("unchecked")
		var liveness = (Map<String, Object>) ((Map<String, Object>) container("celebrity-service").get("livenessProbe")).get("httpGet");
		liveness.put("path", "/actuator/health");
		assertThat(checks().environment(FLEET)).containsExactlyInAnyOrder(
				"gateway: readinessProbe on port http (8080), actuator listens on 9080",
				"celebrity-service: livenessProbe must GET /actuator/health/liveness, not /actuator/health");
	}

	@Test
	void aCommittedOrUndocumentedSecretFails() {
		var readme = "user-service-secrets signing-keys data-key link-sealing-public-key starrymeet-api-tls";
		var script = readme;
		add("""
				apiVersion: v1
				kind: Secret
				metadata: {name: leaked}
				stringData: {password: hunter2}
				""");
		assertThat(checks().secrets(readme, script))
			.contains("Secret leaked: secrets are never committed (create them: README.md, create-secrets.sh)")
			.contains("secret booking-service-secrets key check-in-secret is referenced but not documented in README.md")
			.contains("secret redis-auth key password is referenced but create-secrets.sh does not make it")
			.noneMatch(v -> v.contains("user-db-app") || v.contains("user-service-secrets"));
	}

	@Test
	void aShutdownShorterThanTheGatewaysTimeoutFails() {
		var timeout = Duration.ofSeconds(5);
		assertThat(checks().shutdown(timeout)).isEmpty();
		podSpec("booking-service").put("terminationGracePeriodSeconds", 30);
		env("payment-service").stream().filter(e -> e.get("name").equals("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE"))
			.forEach(e -> e.put("value", "5s"));
		assertThat(checks().shutdown(timeout)).containsExactlyInAnyOrder(
				"Deployment booking-service: terminationGracePeriodSeconds 30 < preStop 10 s + shutdown 20 s + 5 s",
				"Deployment payment-service: graceful shutdown (PT5S) must outlast the gateway's response timeout (PT5S) so "
						+ "no request in flight is cut");
	}

	@Test
	void aMissingOrMisconfiguredTopicFails() {
		assertThat(checks().topics(Topics.catalog())).isEmpty();
		remove("KafkaTopic", "starrymeet.review.v1.dlt");
		@SuppressWarnings("unchecked")
		var config = (Map<String, Object>) ((Map<String, Object>) object("KafkaTopic", "starrymeet.celebrity.v1").get("spec"))
			.get("config");
		config.put("cleanup.policy", "delete");
		assertThat(checks().topics(Topics.catalog())).containsExactlyInAnyOrder(
				"no KafkaTopic for starrymeet.review.v1.DLT (common-lib Topics.catalog())",
				"KafkaTopic starrymeet.celebrity.v1: cleanup.policy = delete, the catalog says compact");
	}

	@Test
	void anIngressWithoutTlsOrToTheManagementPortFails() {
		assertThat(checks().edge(FLEET)).isEmpty();
		@SuppressWarnings("unchecked")
		var spec = (Map<String, Object>) object("Ingress", "gateway").get("spec");
		spec.remove("tls");
		spec.put("rules", Kustomize.parse("""
				rules:
				  - http:
				      paths:
				        - {path: /, pathType: Prefix, backend: {service: {name: gateway, port: {name: management}}}}
				""").get(0).get("rules"));
		remove("ServiceMonitor", "gateway");
		object("Deployment", "gateway");
		assertThat(checks().edge(FLEET)).hasSize(2)
			.anyMatch(v -> v.equals("Ingress gateway: needs TLS with hosts and a secretName"))
			.anyMatch(v -> v.startsWith("Ingress gateway: must route to the gateway's public port only"));
		// the gateway keeps its scrape annotations: take them away too
		@SuppressWarnings("unchecked")
		var annotations = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) object(
				"Deployment", "gateway").get("spec")).get("template")).get("metadata")).get("annotations");
		annotations.clear();
		assertThat(checks().edge(FLEET)).contains("gateway: Prometheus does not scrape /actuator/prometheus on port 9080");
	}

	@Test
	void theLaunchersSettingsAreReadPerService() {
		var launcher = """
				private List<String> command(Service service) {
					var command = new ArrayList<String>();
					command.add("--enable-native-access=ALL-UNNAMED");
					command.add("--server.port=" + this.ports.get(service));
					if (service.isGateway()) {
						command.add("--management.server.port=" + this.gatewayManagementPort);
						for (var downstream : Service.values()) {
							if (!downstream.isGateway()) {
								command.add("--starrymeet.gateway.services." + downstream.context() + "=http://localhost:"
										+ this.ports.get(downstream));
							}
						}
						return command;
					}
					command.add("--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:"
							+ this.ports.get(Service.USER) + "/.well-known/jwks.json");
					if (service == Service.BOOKING) {
						command.add("--starrymeet.booking.payment-url=http://localhost:" + this.ports.get(Service.PAYMENT));
					}
					return command;
				}
				""";
		var modules = new LinkedHashMap<String, String[]>();
		modules.put("USER", new String[] { "user-service", "user" });
		modules.put("BOOKING", new String[] { "booking-service", "booking" });
		modules.put("PAYMENT", new String[] { "payment-service", "payment" });
		modules.put("GATEWAY", new String[] { "gateway", "gateway" });
		var settings = Fleet.launcherSettings(launcher, modules);
		assertThat(settings.get("GATEWAY").properties()).containsExactlyInAnyOrder("server.port",
				"management.server.port", "starrymeet.gateway.services.user", "starrymeet.gateway.services.booking",
				"starrymeet.gateway.services.payment");
		assertThat(settings.get("GATEWAY").calls()).containsExactlyInAnyOrder("USER", "BOOKING", "PAYMENT");
		assertThat(settings.get("BOOKING").properties()).containsExactlyInAnyOrder("server.port",
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "starrymeet.booking.payment-url");
		assertThat(settings.get("BOOKING").calls()).containsExactlyInAnyOrder("USER", "PAYMENT");
		assertThat(settings.get("PAYMENT").calls()).containsExactly("USER");
		Predicate<String> jvm = p -> !p.contains(".");
		assertThat(settings.values()).allSatisfy(l -> assertThat(l.properties()).noneMatch(jvm));
	}
}
