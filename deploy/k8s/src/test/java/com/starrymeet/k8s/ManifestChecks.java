package com.starrymeet.k8s;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.starrymeet.common.events.Topics;

/**
 * The rules every rendered overlay must meet. Each check returns its violations (empty = passes), one sentence each
 * naming the object, so a broken object can be shown to fail (ManifestChecksTest) and a failing render says what to
 * fix.
 */
final class ManifestChecks {

	/** CloudNativePG's generated {@code <cluster>-app} secret's keys. */
	static final Set<String> CNPG_APP_KEYS = Set.of("username", "password", "host", "port", "dbname", "uri", "jdbc-uri",
			"pgpass", "fqdn-uri", "fqdn-jdbc-uri", "user");

	private final List<Map<String, Object>> objects;

	ManifestChecks(List<Map<String, Object>> objects) {
		this.objects = objects;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// workloads: probes, resources, security, images

	List<String> workloads() {
		var violations = new ArrayList<String>();
		for (var workload : ofKind("Deployment", "StatefulSet", "DaemonSet")) {
			var id = id(workload);
			var pod = map(workload, "spec", "template", "spec");
			if (!Boolean.FALSE.equals(pod.get("automountServiceAccountToken"))) {
				violations.add(id + ": automountServiceAccountToken must be false");
			}
			if (!Boolean.FALSE.equals(pod.get("enableServiceLinks"))) {
				violations.add(id + ": enableServiceLinks must be false (service-link variables reach Spring's binding)");
			}
			var account = (String) pod.get("serviceAccountName");
			var serviceAccount = account == null ? null : find("ServiceAccount", account);
			if (serviceAccount == null) {
				violations.add(id + ": needs its own ServiceAccount (serviceAccountName naming a rendered one)");
			}
			else if (!Boolean.FALSE.equals(serviceAccount.get("automountServiceAccountToken"))) {
				violations.add(id + ": ServiceAccount " + account + " must set automountServiceAccountToken: false");
			}
			if (pod.get("terminationGracePeriodSeconds") == null) {
				violations.add(id + ": terminationGracePeriodSeconds must be set");
			}
			var podSecurity = map(pod, "securityContext");
			var tmpVolumes = new TreeSet<String>();
			for (var volume : list(pod, "volumes")) {
				if (volume.get("emptyDir") != null) {
					tmpVolumes.add(String.valueOf(volume.get("name")));
				}
			}
			var containers = new ArrayList<Map<String, Object>>(list(pod, "containers"));
			containers.addAll(list(pod, "initContainers"));
			if (containers.isEmpty()) {
				violations.add(id + ": no containers");
			}
			for (var container : containers) {
				var cid = id + " container " + container.get("name");
				for (var probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
					var p = map(container, probe);
					if (p.isEmpty() || (p.get("httpGet") == null && p.get("tcpSocket") == null && p.get("exec") == null
							&& p.get("grpc") == null)) {
						violations.add(cid + ": no " + probe);
					}
				}
				for (var kind : List.of("requests", "limits")) {
					for (var resource : List.of("cpu", "memory")) {
						if (map(container, "resources", kind).get(resource) == null) {
							violations.add(cid + ": no resources." + kind + "." + resource);
						}
					}
				}
				var security = map(container, "securityContext");
				if (!Boolean.TRUE.equals(security.getOrDefault("runAsNonRoot", podSecurity.get("runAsNonRoot")))) {
					violations.add(cid + ": runAsNonRoot must be true");
				}
				if (!Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
					violations.add(cid + ": readOnlyRootFilesystem must be true");
				}
				if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
					violations.add(cid + ": allowPrivilegeEscalation must be false");
				}
				if (!strings(map(security, "capabilities").get("drop")).contains("ALL")) {
					violations.add(cid + ": capabilities must drop ALL");
				}
				var seccomp = map(security, "seccompProfile").isEmpty() ? map(podSecurity, "seccompProfile")
						: map(security, "seccompProfile");
				if (!"RuntimeDefault".equals(seccomp.get("type")) && !"Localhost".equals(seccomp.get("type"))) {
					violations.add(cid + ": seccompProfile must be RuntimeDefault");
				}
				var writableTmp = list(container, "volumeMounts").stream()
					.anyMatch(m -> "/tmp".equals(m.get("mountPath")) && tmpVolumes.contains(String.valueOf(m.get("name"))));
				if (!writableTmp) {
					violations.add(cid + ": needs an emptyDir at /tmp (read-only root filesystem)");
				}
				var image = imageProblem(String.valueOf(container.get("image")));
				if (image != null) {
					violations.add(cid + ": " + image);
				}
			}
		}
		return violations;
	}

	/** Why an image reference is not acceptable, or null. */
	static String imageProblem(String image) {
		if (image == null || image.isBlank() || image.equals("null")) {
			return "no image";
		}
		if (image.contains("@sha256:")) {
			return null;
		}
		var colon = image.lastIndexOf(':');
		if (colon < 0 || colon < image.lastIndexOf('/')) {
			return "image " + image + " has no tag (it would be latest)";
		}
		var tag = image.substring(colon + 1);
		if (tag.isBlank() || tag.equals("latest")) {
			return "image " + image + " must not use the tag '" + tag + "'";
		}
		return null;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// availability: PDB for every Deployment, HPA where expected, replicas

	/**
	 * @param minReplicas per Deployment that must scale horizontally, the least minReplicas its HPA may have
	 */
	List<String> availability(Map<String, Integer> minReplicas) {
		var violations = new ArrayList<String>();
		for (var deployment : ofKind("Deployment")) {
			var name = name(deployment);
			var labels = labels(map(deployment, "spec", "template", "metadata"));
			var pdbs = ofKind("PodDisruptionBudget").stream()
				.filter(pdb -> selects(map(pdb, "spec", "selector"), labels))
				.toList();
			if (pdbs.isEmpty()) {
				violations.add("Deployment " + name + ": no PodDisruptionBudget selects its pods");
			}
			for (var pdb : pdbs) {
				if (map(pdb, "spec").get("maxUnavailable") == null && map(pdb, "spec").get("minAvailable") == null) {
					violations.add(id(pdb) + ": needs maxUnavailable or minAvailable");
				}
			}
			var hpa = ofKind("HorizontalPodAutoscaler").stream()
				.filter(h -> "Deployment".equals(map(h, "spec", "scaleTargetRef").get("kind"))
						&& name.equals(map(h, "spec", "scaleTargetRef").get("name")))
				.findFirst()
				.orElse(null);
			if (hpa == null) {
				if (minReplicas.containsKey(name)) {
					violations.add("Deployment " + name + ": no HorizontalPodAutoscaler");
				}
				continue;
			}
			if (!"autoscaling/v2".equals(hpa.get("apiVersion"))) {
				violations.add(id(hpa) + ": must be autoscaling/v2");
			}
			if (map(deployment, "spec").get("replicas") != null) {
				violations.add("Deployment " + name + ": sets replicas although an HPA owns the count (apply would reset it)");
			}
			var min = number(map(hpa, "spec").get("minReplicas"), 1);
			var max = number(map(hpa, "spec").get("maxReplicas"), 0);
			if (min > max) {
				violations.add(id(hpa) + ": minReplicas " + min + " > maxReplicas " + max);
			}
			if (min < minReplicas.getOrDefault(name, 1)) {
				violations.add(id(hpa) + ": minReplicas " + min + " < " + minReplicas.get(name) + " for " + name);
			}
		}
		return violations;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// network policies

	/** A workload as NetworkPolicies see it: its pod labels. Databases, brokers and Redis are pods of the operators. */
	record Pods(String name, Map<String, String> labels) {
	}

	List<String> networkPolicies(Fleet fleet) {
		var violations = new ArrayList<String>();
		var policies = ofKind("NetworkPolicy");
		var defaultDeny = policies.stream()
			.filter(p -> selectorEmpty(map(p, "spec", "podSelector"))
					&& strings(map(p, "spec").get("policyTypes")).containsAll(List.of("Ingress", "Egress"))
					&& list(map(p, "spec"), "ingress").isEmpty() && list(map(p, "spec"), "egress").isEmpty())
			.toList();
		if (defaultDeny.isEmpty()) {
			violations.add("no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)");
		}
		for (var policy : policies) {
			if (!defaultDeny.contains(policy) && selectorEmpty(map(policy, "spec", "podSelector"))) {
				violations.add(id(policy) + ": an allow policy must name the pods it selects (podSelector is empty)");
			}
		}
		var apps = new LinkedHashMap<String, Pods>();
		for (var deployment : ofKind("Deployment")) {
			apps.put(name(deployment), new Pods(name(deployment), labels(map(deployment, "spec", "template", "metadata"))));
		}
		var databases = new LinkedHashMap<String, Pods>();
		for (var cluster : ofKind("Cluster")) {
			databases.put(name(cluster), new Pods(name(cluster), Map.of("cnpg.io/cluster", name(cluster))));
		}
		var kafka = ofKind("Kafka").stream()
			.map(k -> new Pods(name(k), Map.of("strimzi.io/cluster", name(k), "strimzi.io/kind", "Kafka",
					"strimzi.io/name", name(k) + "-kafka")))
			.toList();
		var redis = ofKind("Redis", "RedisReplication").stream()
			.map(r -> new Pods(name(r), Map.of("app", name(r))))
			.toList();

		for (var app : fleet.apps().values()) {
			var pods = apps.get(app.name());
			if (pods == null) {
				violations.add("no Deployment " + app.name());
				continue;
			}
			// who may reach its server port
			var expected = new TreeSet<String>();
			fleet.apps().values().stream().filter(a -> a.calls().contains(app.name())).forEach(a -> expected.add(a.name()));
			var sources = new TreeSet<String>();
			for (var source : apps.values()) {
				if (ingressAllowed(pods, app.serverPort(), source.labels())) {
					sources.add(source.name());
				}
			}
			if (!sources.equals(expected)) {
				violations.add(app.name() + ":" + app.serverPort() + " is reachable from " + sources + ", expected exactly "
						+ expected + " (the gateway and the services that call it)");
			}
			var outside = externalIngress(pods, app.serverPort());
			var allowedOutside = app.gateway() ? Set.of("ingress-nginx") : Set.of("monitoring");
			if (!allowedOutside.containsAll(outside)) {
				violations.add(app.name() + ":" + app.serverPort() + " accepts traffic from namespaces " + outside
						+ ", allowed: " + allowedOutside);
			}
			if (app.managementPort() != app.serverPort()
					&& !Set.of("monitoring").containsAll(externalIngress(pods, app.managementPort()))) {
				violations.add(app.name() + ": management port " + app.managementPort() + " must be reachable from "
						+ "monitoring only, not " + externalIngress(pods, app.managementPort()));
			}
			if (app.managementPort() != app.serverPort()) {
				for (var source : apps.values()) {
					if (ingressAllowed(pods, app.managementPort(), source.labels())) {
						violations.add(app.name() + ": management port " + app.managementPort() + " reachable from "
								+ source.name());
					}
				}
			}
			// whom it may reach
			for (var target : apps.values()) {
				var targetApp = fleet.apps().get(target.name());
				if (targetApp == null || target.name().equals(app.name())) {
					continue;
				}
				var allowed = egressAllowed(pods, target.labels(), targetApp.serverPort());
				var calls = app.calls().contains(target.name());
				if (calls && !allowed) {
					violations.add(app.name() + " calls " + target.name() + ":" + targetApp.serverPort()
							+ " but no policy lets it (egress)");
				}
				if (!calls && allowed) {
					violations.add(app.name() + " may reach " + target.name() + " although it never calls it");
				}
			}
			for (var database : databases.values()) {
				var own = database.name().equals(app.context() + "-db");
				var allowed = egressAllowed(pods, database.labels(), 5432);
				if (own && app.hasDatabase() && !allowed) {
					violations.add(app.name() + " cannot reach its database " + database.name());
				}
				if (!own && allowed) {
					violations.add(app.name() + " may reach another service's database " + database.name());
				}
				if (own && app.hasDatabase() && !ingressAllowed(database, 5432, pods.labels())) {
					violations.add(database.name() + " does not accept " + app.name());
				}
				if (!own && ingressAllowed(database, 5432, pods.labels())) {
					violations.add(database.name() + " accepts " + app.name() + ", which is not its service");
				}
			}
			if (app.hasDatabase() && !databases.containsKey(app.context() + "-db")) {
				violations.add(app.name() + ": no CloudNativePG Cluster " + app.context() + "-db");
			}
			var kafkaClient = app.required().contains("spring.kafka.bootstrap-servers");
			for (var broker : kafka) {
				var allowed = egressAllowed(pods, broker.labels(), 9092);
				if (kafkaClient != allowed) {
					violations.add(app.name() + (kafkaClient ? " cannot reach" : " may reach") + " Kafka " + broker.name());
				}
			}
			var redisConfigured = list(map(find("Deployment", app.name()), "spec", "template", "spec"), "containers").stream()
				.flatMap(c -> list(c, "env").stream())
				.anyMatch(e -> "SPRING_DATA_REDIS_HOST".equals(e.get("name")));
			for (var r : redis) {
				var allowed = egressAllowed(pods, r.labels(), 6379);
				if (app.usesRedis() && !allowed) {
					violations.add(app.name() + " uses Redis but cannot reach " + r.name());
				}
				if (allowed && !redisConfigured) {
					violations.add(app.name() + " may reach Redis " + r.name() + " but is not configured to use it");
				}
			}
			if (!egressAllowed(pods, Map.of("k8s-app", "kube-dns"), 53, "kube-system")) {
				violations.add(app.name() + ": no DNS egress (kube-system/kube-dns:53)");
			}
			// the world outside the cluster: only the providers it has (Stripe, Twilio: https; SMTP)
			var outsidePorts = externalEgressPorts(pods);
			if (!app.externalPorts().containsAll(outsidePorts)) {
				violations.add(app.name() + " may reach ports " + outsidePorts + " outside the cluster; its settings name "
						+ "providers on " + app.externalPorts() + " only");
			}
			if (!outsidePorts.containsAll(app.externalPorts())) {
				violations.add(app.name() + " needs ports " + app.externalPorts() + " outside the cluster (its providers), "
						+ "allowed: " + outsidePorts);
			}
		}
		return violations;
	}

	private List<Map<String, Object>> policiesFor(Pods pods, String type) {
		return ofKind("NetworkPolicy").stream()
			.filter(p -> selects(map(p, "spec", "podSelector"), pods.labels()))
			.filter(p -> strings(map(p, "spec").get("policyTypes")).contains(type)
					|| (type.equals("Ingress") && map(p, "spec").get("policyTypes") == null))
			.toList();
	}

	/** Whether a pod of this namespace with {@code source} labels may open {@code port} on {@code target}. */
	boolean ingressAllowed(Pods target, int port, Map<String, String> source) {
		var policies = policiesFor(target, "Ingress");
		if (policies.isEmpty()) {
			return true;
		}
		for (var policy : policies) {
			for (var rule : list(map(policy, "spec"), "ingress")) {
				if (!portMatches(rule, port)) {
					continue;
				}
				if (rule.get("from") == null) {
					return true;
				}
				for (var peer : list(rule, "from")) {
					if (peer.get("namespaceSelector") == null && peer.get("ipBlock") == null
							&& selects(map(peer, "podSelector"), source)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/** Namespaces (by name; "*" for any) from which {@code port} on {@code target} is open. */
	Set<String> externalIngress(Pods target, int port) {
		var namespaces = new TreeSet<String>();
		var policies = policiesFor(target, "Ingress");
		if (policies.isEmpty()) {
			return Set.of("*");
		}
		for (var policy : policies) {
			for (var rule : list(map(policy, "spec"), "ingress")) {
				if (!portMatches(rule, port)) {
					continue;
				}
				if (rule.get("from") == null) {
					namespaces.add("*");
				}
				for (var peer : list(rule, "from")) {
					if (peer.get("ipBlock") != null) {
						namespaces.add("*");
					}
					if (peer.get("namespaceSelector") != null) {
						var named = labelsOf(map(peer, "namespaceSelector", "matchLabels")).get("kubernetes.io/metadata.name");
						namespaces.add(named == null ? "*" : named);
					}
				}
			}
		}
		return namespaces;
	}

	boolean egressAllowed(Pods source, Map<String, String> target, int port) {
		return egressAllowed(source, target, port, null);
	}

	/** Whether {@code source} may open {@code port} on a pod with {@code target} labels (in {@code namespace}, or here). */
	boolean egressAllowed(Pods source, Map<String, String> target, int port, String namespace) {
		var policies = policiesFor(source, "Egress");
		if (policies.isEmpty()) {
			return true;
		}
		for (var policy : policies) {
			for (var rule : list(map(policy, "spec"), "egress")) {
				if (!portMatches(rule, port)) {
					continue;
				}
				if (rule.get("to") == null) {
					return true;
				}
				for (var peer : list(rule, "to")) {
					if (peer.get("ipBlock") != null) {
						continue;
					}
					var ns = map(peer, "namespaceSelector");
					boolean namespaceMatches = namespace == null ? peer.get("namespaceSelector") == null
							: peer.get("namespaceSelector") != null && (selectorEmpty(ns)
									|| namespace.equals(labelsOf(map(ns, "matchLabels")).get("kubernetes.io/metadata.name")));
					if (namespaceMatches && selects(map(peer, "podSelector"), target)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/** Ports {@code source} may open outside the cluster (ipBlock peers, or rules without a destination). */
	Set<Integer> externalEgressPorts(Pods source) {
		var ports = new TreeSet<Integer>();
		var policies = policiesFor(source, "Egress");
		if (policies.isEmpty()) {
			return Set.of(-1);
		}
		for (var policy : policies) {
			for (var rule : list(map(policy, "spec"), "egress")) {
				var open = rule.get("to") == null || list(rule, "to").stream().anyMatch(peer -> peer.get("ipBlock") != null);
				if (!open) {
					continue;
				}
				if (list(rule, "ports").isEmpty()) {
					ports.add(-1); // every port
				}
				for (var p : list(rule, "ports")) {
					ports.add(number(p.get("port"), -1));
				}
			}
		}
		return ports;
	}

	private static boolean portMatches(Map<String, Object> rule, int port) {
		var ports = list(rule, "ports");
		if (ports.isEmpty()) {
			return true;
		}
		return ports.stream().anyMatch(p -> p.get("port") == null || number(p.get("port"), -1) == port
				|| (p.get("endPort") != null && number(p.get("port"), 0) <= port && port <= number(p.get("endPort"), 0)));
	}

	// ---------------------------------------------------------------------------------------------------------------
	// configuration: every setting a service reads in production, through env only

	List<String> environment(Fleet fleet) {
		var violations = new ArrayList<String>();
		for (var app : fleet.apps().values()) {
			var deployment = find("Deployment", app.name());
			if (deployment == null) {
				violations.add("no Deployment " + app.name());
				continue;
			}
			var containers = list(map(deployment, "spec", "template", "spec"), "containers");
			if (containers.isEmpty()) {
				violations.add(app.name() + ": no containers");
				continue;
			}
			var container = containers.get(0);
			if (container.get("envFrom") != null) {
				violations.add(app.name() + ": envFrom hides which settings are provided; name each variable in env");
			}
			if (container.get("args") != null || container.get("command") != null) {
				violations.add(app.name() + ": configuration goes through environment variables, not command/args");
			}
			var env = new LinkedHashMap<String, Map<String, Object>>();
			for (var entry : list(container, "env")) {
				var name = String.valueOf(entry.get("name"));
				if (env.put(name, entry) != null) {
					violations.add(app.name() + ": " + name + " set twice");
				}
				var problem = envProblem(entry);
				if (problem != null) {
					violations.add(app.name() + ": " + name + " " + problem);
				}
			}
			for (var property : new TreeSet<>(app.required())) {
				var names = app.environmentNames(property);
				if (names.stream().noneMatch(env::containsKey)) {
					violations.add(app.name() + " reads " + property + " in production but none of " + names + " is set");
				}
			}
			for (var property : Fleet.LOCAL_ONLY) {
				app.environmentNames(property).stream().filter(env::containsKey).forEach(name -> violations
					.add(app.name() + ": " + name + " (" + property + ") belongs to the local fleet only"));
			}
			// ports: the container's, the Service's and the probes' must be the ones the application listens on
			var ports = new LinkedHashMap<String, Integer>();
			for (var port : list(container, "ports")) {
				ports.put(String.valueOf(port.get("name")), number(port.get("containerPort"), -1));
			}
			if (!ports.containsValue(app.serverPort())) {
				violations.add(app.name() + ": no containerPort " + app.serverPort() + " (its server.port)");
			}
			var serverPort = env.get("SERVER_PORT");
			if (serverPort != null && !String.valueOf(app.serverPort()).equals(String.valueOf(serverPort.get("value")))) {
				violations.add(app.name() + ": SERVER_PORT " + serverPort.get("value") + " is not " + app.serverPort());
			}
			for (var probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
				var get = map(container, probe, "httpGet");
				var path = String.valueOf(get.get("path"));
				var expectedPath = probe.equals("readinessProbe") ? "/actuator/health/readiness" : "/actuator/health/liveness";
				if (!expectedPath.equals(path)) {
					violations.add(app.name() + ": " + probe + " must GET " + expectedPath + ", not " + path);
				}
				var port = get.get("port") instanceof Number n ? Integer.valueOf(n.intValue()) : ports.get(String.valueOf(get.get("port")));
				if (!Objects.equals(port, app.managementPort())) {
					violations.add(app.name() + ": " + probe + " on port " + get.get("port") + " (" + port
							+ "), actuator listens on " + app.managementPort());
				}
			}
			var service = find("Service", app.name());
			if (service == null) {
				violations.add(app.name() + ": no Service");
			}
			else {
				if (!selects(Map.of("matchLabels", map(service, "spec", "selector")), labels(map(deployment, "spec", "template", "metadata")))
						|| map(service, "spec", "selector").isEmpty()) {
					violations.add(app.name() + ": its Service does not select its pods");
				}
				if (list(map(service, "spec"), "ports").stream().noneMatch(p -> number(p.get("port"), -1) == app.serverPort())) {
					violations.add(app.name() + ": its Service has no port " + app.serverPort()
							+ " (the URLs the other applications are given)");
				}
			}
			// a datasource from its own CloudNativePG cluster
			if (app.hasDatabase()) {
				var cluster = app.context() + "-db";
				var url = String.valueOf(map(env.getOrDefault("SPRING_DATASOURCE_URL", Map.of())).get("value"));
				var database = String.valueOf(map(find("Cluster", cluster), "spec", "bootstrap", "initdb").get("database"));
				if (!url.equals("jdbc:postgresql://" + cluster + "-rw:5432/" + database)) {
					violations.add(app.name() + ": SPRING_DATASOURCE_URL " + url + " is not its cluster's primary ("
							+ cluster + "-rw, database " + database + ")");
				}
				for (var key : List.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
					var ref = map(env.getOrDefault(key, Map.of()), "valueFrom", "secretKeyRef");
					if (!(cluster + "-app").equals(ref.get("name"))) {
						violations.add(app.name() + ": " + key + " must come from the operator's secret " + cluster + "-app");
					}
				}
			}
			// observability
			if (!env.containsKey("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")) {
				violations.add(app.name() + ": no OTLP endpoint (MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT)");
			}
			var logging = env.get("LOGGING_STRUCTURED_FORMAT_CONSOLE");
			if (logging != null && !Set.of("ecs", "logstash", "gelf").contains(String.valueOf(logging.get("value")))) {
				violations.add(app.name() + ": logs must stay structured JSON, not " + logging.get("value"));
			}
		}
		return violations;
	}

	/** Why an env entry provides no value, or null. */
	private String envProblem(Map<String, Object> entry) {
		var valueFrom = map(entry, "valueFrom");
		if (valueFrom.isEmpty()) {
			return entry.get("value") == null || String.valueOf(entry.get("value")).isBlank() ? "has no value" : null;
		}
		var secret = map(valueFrom, "secretKeyRef");
		if (!secret.isEmpty()) {
			return secret.get("name") == null || secret.get("key") == null ? "secretKeyRef needs name and key" : null;
		}
		var config = map(valueFrom, "configMapKeyRef");
		if (!config.isEmpty()) {
			var configMap = find("ConfigMap", String.valueOf(config.get("name")));
			if (configMap == null) {
				return "refers to ConfigMap " + config.get("name") + ", which is not rendered";
			}
			var value = map(configMap, "data").get(String.valueOf(config.get("key")));
			return value == null || String.valueOf(value).isBlank()
					? "refers to key " + config.get("key") + " that ConfigMap " + config.get("name") + " lacks" : null;
		}
		return map(valueFrom, "fieldRef").isEmpty() && map(valueFrom, "resourceFieldRef").isEmpty()
				? "has an unknown valueFrom" : null;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// secrets: referenced, never committed; each one either the operator's or documented with its keys

	List<String> secrets(String readme, String createScript) {
		var violations = new ArrayList<String>();
		for (var secret : ofKind("Secret")) {
			violations.add(id(secret) + ": secrets are never committed (create them: README.md, create-secrets.sh)");
		}
		var clusters = ofKind("Cluster").stream().map(ManifestChecks::name).toList();
		var referenced = new LinkedHashMap<String, Set<String>>();
		for (var workload : ofKind("Deployment")) {
			for (var container : list(map(workload, "spec", "template", "spec"), "containers")) {
				for (var entry : list(container, "env")) {
					var ref = map(entry, "valueFrom", "secretKeyRef");
					if (!ref.isEmpty()) {
						referenced.computeIfAbsent(String.valueOf(ref.get("name")), k -> new TreeSet<>())
							.add(String.valueOf(ref.get("key")));
					}
				}
			}
		}
		for (var redis : ofKind("Redis", "RedisReplication")) {
			var ref = map(redis, "spec", "kubernetesConfig", "redisSecret");
			if (!ref.isEmpty()) {
				referenced.computeIfAbsent(String.valueOf(ref.get("name")), k -> new TreeSet<>()).add(String.valueOf(ref.get("key")));
			}
		}
		referenced.forEach((name, keys) -> {
			var cluster = name.endsWith("-app") ? name.substring(0, name.length() - 4) : null;
			if (cluster != null && clusters.contains(cluster)) {
				keys.stream().filter(k -> !CNPG_APP_KEYS.contains(k)).forEach(k -> violations
					.add("secret " + name + " (CloudNativePG's) has no key " + k));
				return;
			}
			for (var key : keys) {
				if (!readme.contains(name) || !readme.contains(key)) {
					violations.add("secret " + name + " key " + key + " is referenced but not documented in README.md");
				}
				if (!createScript.contains(name) || !createScript.contains(key)) {
					violations.add("secret " + name + " key " + key + " is referenced but create-secrets.sh does not make it");
				}
			}
		});
		for (var ingress : ofKind("Ingress")) {
			for (var tls : list(map(ingress, "spec"), "tls")) {
				if (!readme.contains(String.valueOf(tls.get("secretName")))) {
					violations.add(id(ingress) + ": TLS secret " + tls.get("secretName") + " is not documented in README.md");
				}
			}
		}
		return violations;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// graceful shutdown matching the gateway's timeouts

	List<String> shutdown(Duration gatewayResponseTimeout) {
		var violations = new ArrayList<String>();
		for (var deployment : ofKind("Deployment")) {
			var pod = map(deployment, "spec", "template", "spec");
			var grace = number(pod.get("terminationGracePeriodSeconds"), 30);
			for (var container : list(pod, "containers")) {
				var id = id(deployment);
				var sleep = number(map(container, "lifecycle", "preStop", "sleep").get("seconds"), 0);
				if (sleep < 5) {
					violations.add(id + ": needs a preStop sleep of 5 s or more (endpoints leave the Service and the "
							+ "ingress before the JVM stops accepting)");
				}
				var phase = list(container, "env").stream()
					.filter(e -> "SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE".equals(e.get("name")))
					.map(e -> duration(String.valueOf(e.get("value"))))
					.findFirst()
					.orElse(Duration.ofSeconds(30)); // Spring's default
				if (phase.compareTo(gatewayResponseTimeout) <= 0) {
					violations.add(id + ": graceful shutdown (" + phase + ") must outlast the gateway's response timeout ("
							+ gatewayResponseTimeout + ") so no request in flight is cut");
				}
				if (grace < sleep + phase.toSeconds() + 5) {
					violations.add(id + ": terminationGracePeriodSeconds " + grace + " < preStop " + sleep
							+ " s + shutdown " + phase.toSeconds() + " s + 5 s");
				}
			}
		}
		return violations;
	}

	static Duration duration(String text) {
		var m = Pattern.compile("(\\d+)(ms|s|m)").matcher(text.trim());
		if (!m.matches()) {
			return Duration.parse(text.trim());
		}
		var n = Long.parseLong(m.group(1));
		return switch (m.group(2)) {
			case "ms" -> Duration.ofMillis(n);
			case "s" -> Duration.ofSeconds(n);
			default -> Duration.ofMinutes(n);
		};
	}

	// ---------------------------------------------------------------------------------------------------------------
	// Kafka topics as the code's catalog says

	List<String> topics(List<Topics.Spec> catalog) {
		var violations = new ArrayList<String>();
		var kafkas = ofKind("Kafka").stream().map(ManifestChecks::name).toList();
		if (kafkas.isEmpty()) {
			violations.add("no Strimzi Kafka");
		}
		for (var kafka : ofKind("Kafka")) {
			if (!"enabled".equals(map(kafka, "metadata", "annotations").get("strimzi.io/kraft"))) {
				violations.add(id(kafka) + ": must run KRaft (annotation strimzi.io/kraft: enabled)");
			}
			if (!Boolean.FALSE.equals(map(kafka, "spec", "kafka", "config").get("auto.create.topics.enable"))) {
				violations.add(id(kafka) + ": auto.create.topics.enable must be false (topics come from the catalog)");
			}
			if (ofKind("KafkaNodePool").stream().noneMatch(p -> name(kafka).equals(labels(p).get("strimzi.io/cluster")))) {
				violations.add(id(kafka) + ": no KafkaNodePool");
			}
		}
		var topics = new LinkedHashMap<String, Map<String, Object>>();
		for (var topic : ofKind("KafkaTopic")) {
			var spec = map(topic, "spec");
			topics.put(String.valueOf(spec.getOrDefault("topicName", name(topic))), topic);
			if (!kafkas.contains(labels(topic).get("strimzi.io/cluster"))) {
				violations.add(id(topic) + ": strimzi.io/cluster must name the Kafka " + kafkas);
			}
		}
		for (var spec : catalog) {
			var topic = topics.remove(spec.name());
			if (topic == null) {
				violations.add("no KafkaTopic for " + spec.name() + " (common-lib Topics.catalog())");
				continue;
			}
			if (number(map(topic, "spec").get("partitions"), -1) != spec.partitions()) {
				violations.add(id(topic) + ": partitions " + map(topic, "spec").get("partitions") + ", the catalog says "
						+ spec.partitions());
			}
			var config = map(topic, "spec", "config");
			spec.config().forEach((key, value) -> {
				if (!value.equals(String.valueOf(config.get(key)))) {
					violations.add(id(topic) + ": " + key + " = " + config.get(key) + ", the catalog says " + value);
				}
			});
		}
		topics.keySet().forEach(extra -> violations.add("KafkaTopic " + extra + " is not in the code's catalog"));
		return violations;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// edge and monitoring

	List<String> edge(Fleet fleet) {
		var violations = new ArrayList<String>();
		var gateway = fleet.apps().values().stream().filter(Fleet.App::gateway).findFirst().orElseThrow();
		var ingresses = ofKind("Ingress");
		if (ingresses.isEmpty()) {
			violations.add("no Ingress in front of the gateway");
		}
		for (var ingress : ingresses) {
			if (!"networking.k8s.io/v1".equals(ingress.get("apiVersion"))) {
				violations.add(id(ingress) + ": must be networking.k8s.io/v1");
			}
			var tls = list(map(ingress, "spec"), "tls");
			if (tls.isEmpty() || tls.stream().anyMatch(t -> t.get("secretName") == null || list(t, "hosts").isEmpty() && t.get("hosts") == null)) {
				violations.add(id(ingress) + ": needs TLS with hosts and a secretName");
			}
			for (var rule : list(map(ingress, "spec"), "rules")) {
				for (var path : list(map(rule, "http"), "paths")) {
					var backend = map(path, "backend", "service");
					var port = map(backend, "port");
					var publicPort = "http".equals(port.get("name")) || number(port.get("number"), -1) == gateway.serverPort();
					if (!gateway.name().equals(backend.get("name")) || !publicPort) {
						violations.add(id(ingress) + ": must route to the gateway's public port only, not " + backend);
					}
				}
			}
		}
		// Prometheus: a ServiceMonitor endpoint or scrape annotations on the actuator port of each application
		for (var app : fleet.apps().values()) {
			var deployment = find("Deployment", app.name());
			var service = find("Service", app.name());
			if (deployment == null || service == null) {
				continue;
			}
			var annotations = map(deployment, "spec", "template", "metadata", "annotations");
			var annotated = "true".equals(annotations.get("prometheus.io/scrape"))
					&& String.valueOf(app.managementPort()).equals(String.valueOf(annotations.get("prometheus.io/port")))
					&& "/actuator/prometheus".equals(annotations.get("prometheus.io/path"));
			var portNames = new TreeSet<String>();
			list(map(service, "spec"), "ports").stream()
				.filter(p -> number(p.get("port"), -1) == app.managementPort())
				.forEach(p -> portNames.add(String.valueOf(p.get("name"))));
			var monitored = ofKind("ServiceMonitor").stream()
				.filter(m -> selects(map(m, "spec", "selector"), labels(service)))
				.flatMap(m -> list(map(m, "spec"), "endpoints").stream())
				.anyMatch(e -> portNames.contains(String.valueOf(e.get("port"))) && "/actuator/prometheus".equals(e.get("path")));
			if (!annotated && !monitored) {
				violations.add(app.name() + ": Prometheus does not scrape /actuator/prometheus on port " + app.managementPort());
			}
		}
		return violations;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// object helpers

	List<Map<String, Object>> ofKind(String... kinds) {
		var wanted = Set.of(kinds);
		return this.objects.stream().filter(o -> wanted.contains(String.valueOf(o.get("kind")))).toList();
	}

	Map<String, Object> find(String kind, String name) {
		return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst().orElse(null);
	}

	static String name(Map<String, Object> object) {
		return String.valueOf(map(object, "metadata").get("name"));
	}

	static String id(Map<String, Object> object) {
		return object.get("kind") + " " + name(object);
	}

	static Map<String, String> labels(Map<String, Object> object) {
		return labelsOf(map(object, "metadata", "labels").isEmpty() ? map(object, "labels") : map(object, "metadata", "labels"));
	}

	private static Map<String, String> labelsOf(Map<String, Object> map) {
		var labels = new LinkedHashMap<String, String>();
		map.forEach((k, v) -> labels.put(k, String.valueOf(v)));
		return labels;
	}

	static boolean selectorEmpty(Map<String, Object> selector) {
		return map(selector, "matchLabels").isEmpty() && list(selector, "matchExpressions").isEmpty();
	}

	/** Label selector semantics (matchLabels and matchExpressions); an empty selector selects everything. */
	static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
		for (var entry : map(selector, "matchLabels").entrySet()) {
			if (!String.valueOf(entry.getValue()).equals(labels.get(entry.getKey()))) {
				return false;
			}
		}
		for (var expression : list(selector, "matchExpressions")) {
			var key = String.valueOf(expression.get("key"));
			var values = strings(expression.get("values"));
			var ok = switch (String.valueOf(expression.get("operator"))) {
				case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
				case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
				case "Exists" -> labels.containsKey(key);
				case "DoesNotExist" -> !labels.containsKey(key);
				default -> false;
			};
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node, String... path) {
		Object current = node;
		for (var key : path) {
			if (!(current instanceof Map<?, ?> m)) {
				return Map.of();
			}
			current = m.get(key);
		}
		return current instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Map<String, Object> node, String key) {
		var value = node == null ? null : node.get(key);
		if (!(value instanceof List<?> l)) {
			return List.of();
		}
		return l.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e).toList();
	}

	static List<String> strings(Object value) {
		return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
	}

	static int number(Object value, int otherwise) {
		if (value instanceof Number n) {
			return n.intValue();
		}
		try {
			return value == null ? otherwise : Integer.parseInt(String.valueOf(value));
		}
		catch (NumberFormatException ex) {
			return otherwise;
		}
	}
}
