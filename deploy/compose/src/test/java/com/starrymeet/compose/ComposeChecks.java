package com.starrymeet.compose;

import com.starrymeet.k8s.Fleet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules docker-compose.yml must follow, each a method that returns what breaks it (empty = the file passes), so
 * that {@link ComposeFileTest} runs them on the real file and {@link ComposeChecksTest} on broken copies.
 */
final class ComposeChecks {

	static final String HEALTHCHECK = "/opt/starrymeet/bin/healthcheck";

	static final String READINESS = "/actuator/health/readiness";

	private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");

	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEY|_KEYS|TOKEN|_SID)$");

	private ComposeChecks() {
	}

	/** Every setting the service needs in production is set, secrets only from required variables; none local-only. */
	static List<String> environment(Fleet fleet, Compose compose) {
		var problems = new ArrayList<String>();
		for (var app : fleet.apps().values()) {
			var service = compose.services().get(app.name());
			if (service == null) {
				problems.add(app.name() + ": no compose service of that name");
				continue;
			}
			var env = Compose.environment(service);
			var secrets = secrets(app);
			for (var property : app.required()) {
				var names = app.environmentNames(property);
				var name = names.stream().filter(env::containsKey).findFirst();
				if (name.isEmpty()) {
					problems.add(app.name() + ": " + property + " is not set (environment " + names + ")");
					continue;
				}
				var value = env.get(name.get());
				if (value == null) {
					problems.add(app.name() + ": " + name.get() + " has no value");
				}
				else if (secrets.contains(property) && !requiredVariableOnly(value)) {
					problems.add(app.name() + ": secret " + property + " (" + name.get()
							+ ") must come from a required variable ${NAME:?...}, not '" + value + "'");
				}
			}
			for (var property : Fleet.LOCAL_ONLY) {
				for (var envName : app.environmentNames(property)) {
					if (env.containsKey(envName)) {
						problems.add(app.name() + ": " + envName + " is local-only (deploy/local) and must not be set");
					}
				}
			}
		}
		return problems;
	}

	/** Datasource, Kafka, Redis, JWKS and peer URLs name compose services, on the ports those listen on. */
	static List<String> endpoints(Fleet fleet, Compose compose) {
		var problems = new ArrayList<String>();
		var services = compose.services();
		var ports = listeningPorts(fleet, compose);
		for (var app : fleet.apps().values()) {
			var service = services.get(app.name());
			if (service == null) {
				continue; // environment() reports it
			}
			var env = Compose.environment(service);
			var publicLinks = new HashSet<String>();
			Fleet.PUBLIC_LINKS.forEach(property -> publicLinks.addAll(app.environmentNames(property)));
			if (app.hasDatabase()) {
				var url = Compose.resolveDefaults(env.get("SPRING_DATASOURCE_URL"));
				var expected = JDBC.matcher(String.valueOf(app.settings().get("spring.datasource.url")));
				var actual = url == null ? null : JDBC.matcher(url);
				if (actual == null || !actual.matches()) {
					problems.add(app.name() + ": SPRING_DATASOURCE_URL is not a PostgreSQL URL: " + url);
				}
				else {
					checkHost(problems, app.name(), "SPRING_DATASOURCE_URL", actual.group(1),
							actual.group(2) == null ? 5432 : Integer.parseInt(actual.group(2)), services, ports);
					if (expected.matches() && !expected.group(3).equals(actual.group(3))) {
						problems.add(app.name() + ": SPRING_DATASOURCE_URL names database " + actual.group(3)
								+ ", its own is " + expected.group(3));
					}
				}
			}
			var kafka = Compose.resolveDefaults(env.get("SPRING_KAFKA_BOOTSTRAPSERVERS"));
			if (kafka != null) {
				for (var server : kafka.split(",")) {
					var hostPort = server.trim().split(":");
					checkHost(problems, app.name(), "SPRING_KAFKA_BOOTSTRAPSERVERS", hostPort[0],
							hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : 9092, services, ports);
				}
			}
			var redisHost = Compose.resolveDefaults(env.get("SPRING_DATA_REDIS_HOST"));
			if (redisHost != null) {
				var redisPort = Compose.resolveDefaults(env.getOrDefault("SPRING_DATA_REDIS_PORT", "6379"));
				checkHost(problems, app.name(), "SPRING_DATA_REDIS_HOST", redisHost, Integer.parseInt(redisPort), services,
						ports);
				var redis = services.get(redisHost);
				if (redis != null) {
					var redisPassword = Compose.environment(redis).get("REDIS_PASSWORD");
					if (redisPassword != null && !Objects.equals(Compose.variables(redisPassword).keySet(),
							Compose.variables(env.get("SPRING_DATA_REDIS_PASSWORD")).keySet())) {
						problems.add(app.name() + ": Redis asks for a password (" + redisPassword
								+ "); SPRING_DATA_REDIS_PASSWORD must be the same variable, is " + env.get("SPRING_DATA_REDIS_PASSWORD"));
					}
				}
			}
			var reached = new LinkedHashSet<String>();
			env.forEach((name, raw) -> {
				var value = Compose.resolveDefaults(raw);
				if (value == null || !value.matches("https?://.*")) {
					return;
				}
				var uri = URI.create(value);
				var host = uri.getHost();
				if (host == null) {
					return;
				}
				if (host.equals("localhost") || host.startsWith("127.")) {
					if (!publicLinks.contains(name)) {
						problems.add(app.name() + ": " + name + " points at " + host + ", inside its own container");
					}
					return;
				}
				if (services.containsKey(host)) {
					int port = uri.getPort() < 0 ? (uri.getScheme().equals("https") ? 443 : 80) : uri.getPort();
					checkHost(problems, app.name(), name, host, port, services, ports);
					reached.add(host);
				}
				else if (!publicLinks.contains(name) && !(value.startsWith("https://"))) {
					problems.add(app.name() + ": " + name + " names " + host + ", which is no compose service");
				}
			});
			for (var callee : app.calls()) {
				if (!reached.contains(callee)) {
					problems.add(app.name() + ": calls " + callee + " (deploy/local gives it its URL) but no setting "
							+ "points at the compose service " + callee);
				}
			}
			if (!app.gateway()) {
				var jwks = Compose.resolveDefaults(env.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI"));
				var user = fleet.apps().get("user-service");
				var expected = "http://user-service:" + user.serverPort() + "/.well-known/jwks.json";
				if (!expected.equals(jwks)) {
					problems.add(app.name() + ": the JWKS URI must be " + expected + ", is " + jwks);
				}
			}
		}
		return problems;
	}

	/** Every service has a health check; the applications' GET their readiness group on their actuator port. */
	static List<String> healthchecks(Fleet fleet, Compose compose, String healthcheckScript) {
		var problems = new ArrayList<String>();
		if (!healthcheckScript.contains("path=${2:-" + READINESS + "}")) {
			problems.add(HEALTHCHECK + " does not GET " + READINESS + " by default");
		}
		compose.services().forEach((name, service) -> {
			var test = Compose.healthTest(service);
			if (test.isEmpty() || test.get(0).equals("NONE") || test.size() < 2) {
				problems.add(name + ": no healthcheck");
				return;
			}
			var app = fleet.apps().get(name);
			if (app == null) {
				return;
			}
			var words = test.get(0).equals("CMD-SHELL") ? List.of(test.get(1).trim().split("\\s+"))
					: test.subList(1, test.size());
			var at = words.indexOf(HEALTHCHECK);
			if (at < 0) {
				problems.add(name + ": the healthcheck must run " + HEALTHCHECK + ", runs " + words);
				return;
			}
			var args = words.subList(at + 1, words.size());
			if (args.isEmpty() || !args.get(0).equals(String.valueOf(app.managementPort()))) {
				problems.add(name + ": the healthcheck must ask port " + app.managementPort() + " (its actuator), asks "
						+ args);
			}
			if (args.size() > 1 && !args.get(1).equals(READINESS)) {
				problems.add(name + ": the healthcheck must GET " + READINESS + ", gets " + args.get(1));
			}
		});
		return problems;
	}

	/** Start order: each application waits, healthy, for its database, Kafka, Redis and user-service (JWKS). */
	static List<String> dependencies(Fleet fleet, Compose compose) {
		var problems = new ArrayList<String>();
		var services = compose.services();
		services.forEach((name, service) -> Compose.dependsOn(service).forEach((target, condition) -> {
			if (!services.containsKey(target)) {
				problems.add(name + ": depends on " + target + ", which is no compose service");
			}
			else if (Compose.healthTest(services.get(target)).isEmpty()) {
				problems.add(name + ": depends on " + target + ", which has no healthcheck");
			}
			if (!"service_healthy".equals(condition)) {
				problems.add(name + ": depends on " + target + " with condition " + condition
						+ " (must be service_healthy)");
			}
		}));
		for (var app : fleet.apps().values()) {
			var service = services.get(app.name());
			if (service == null) {
				continue;
			}
			var env = Compose.environment(service);
			var needed = new LinkedHashSet<String>();
			var jdbc = env.get("SPRING_DATASOURCE_URL") == null ? null
					: JDBC.matcher(Compose.resolveDefaults(env.get("SPRING_DATASOURCE_URL")));
			if (jdbc != null && jdbc.matches()) {
				needed.add(jdbc.group(1));
			}
			if (env.get("SPRING_KAFKA_BOOTSTRAPSERVERS") != null) {
				for (var server : Compose.resolveDefaults(env.get("SPRING_KAFKA_BOOTSTRAPSERVERS")).split(",")) {
					needed.add(server.trim().split(":")[0]);
				}
			}
			if (app.usesRedis() && env.get("SPRING_DATA_REDIS_HOST") != null) {
				needed.add(Compose.resolveDefaults(env.get("SPRING_DATA_REDIS_HOST")));
			}
			if (!app.gateway() && !app.name().equals("user-service")) {
				needed.add("user-service");
			}
			if (app.gateway()) {
				needed.addAll(app.calls());
			}
			var declared = Compose.dependsOn(service);
			for (var target : needed) {
				if (!declared.containsKey(target)) {
					problems.add(app.name() + ": must depend on " + target + " (condition: service_healthy)");
				}
			}
		}
		var cycle = cycle(services);
		if (cycle != null) {
			problems.add("depends_on has a cycle: " + cycle);
		}
		return problems;
	}

	/** Images carry a tag that is not latest; the applications' are starrymeet/<module>:<project version>. */
	static List<String> images(Fleet fleet, Compose compose, String version) {
		var problems = new ArrayList<String>();
		compose.services().forEach((name, service) -> {
			var raw = service.get("image");
			if (raw == null) {
				problems.add(name + ": no image");
				return;
			}
			var image = Compose.resolveDefaults(String.valueOf(raw));
			var slash = image.lastIndexOf('/');
			var colon = image.indexOf(':', slash + 1);
			var tag = colon < 0 ? "" : image.substring(colon + 1);
			if (tag.isEmpty() || tag.equals("latest") || tag.contains("${")) {
				problems.add(name + ": image " + raw + " must have a fixed tag, not latest (resolves to '" + image + "')");
			}
			if (fleet.apps().containsKey(name) && !image.equals("starrymeet/" + name + ":" + version)) {
				problems.add(name + ": image must be starrymeet/" + name + ":" + version + " (Jib, deploy/images), is "
						+ image);
			}
		});
		return problems;
	}

	/**
	 * No secret is committed: secret-looking variables come only from required variables (or are empty by default),
	 * every required variable is listed in .env.example and written by gen-env.sh, .env.example holds placeholders only,
	 * and .env is ignored by git.
	 */
	static List<String> secrets(Compose compose, String envExample, String genEnv, String gitignore) {
		var problems = new ArrayList<String>();
		compose.services().forEach((name, service) -> Compose.environment(service).forEach((key, value) -> {
			if (SECRET_NAME.matcher(key).matches() && value != null && !value.isEmpty()
					&& !requiredVariableOnly(value) && !value.matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}")) {
				problems.add(name + ": " + key + " looks secret and must come from a variable of .env without a default, is '"
						+ value + "'");
			}
		}));
		var example = new LinkedHashMap<String, String>();
		for (var line : envExample.split("\n")) {
			var text = line.trim();
			if (!text.isEmpty() && !text.startsWith("#") && text.contains("=")) {
				example.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
			}
		}
		example.forEach((key, value) -> {
			if (!value.isEmpty() && !value.contains("change-me")) {
				problems.add(".env.example: " + key + " must be a placeholder (change-me), is '" + value + "'");
			}
		});
		var required = new LinkedHashSet<String>();
		compose.strings().forEach(text -> Compose.variables(text).forEach((variable, kind) -> {
			if (kind.equals("required") || kind.equals("plain")) {
				required.add(variable);
			}
		}));
		for (var variable : required) {
			if (!example.containsKey(variable)) {
				problems.add(variable + " is required by docker-compose.yml but not listed in .env.example");
			}
			var written = genEnv.contains("\"" + variable + "=");
			var database = Pattern.compile("([A-Z]+)_DB_PASSWORD").matcher(variable);
			if (!written && database.matches()) {
				written = genEnv.contains("\"${service}_DB_PASSWORD=")
						&& Pattern.compile("for service in [A-Z ]*\\b" + database.group(1) + "\\b").matcher(genEnv).find();
			}
			if (!written) {
				problems.add(variable + " is required by docker-compose.yml but gen-env.sh does not write it");
			}
		}
		if (!gitignore.lines().map(String::trim).toList().contains(".env")) {
			problems.add("deploy/compose/.gitignore must ignore .env (the generated secrets)");
		}
		return problems;
	}

	/**
	 * Variables that every compose implementation replaces: no empty default ({@code ${NAME:-}}, {@code ${NAME-}}),
	 * which Debian's podman-compose 1.0.3 leaves in place, so the service would read the text itself.
	 */
	static List<String> portableVariables(Compose compose) {
		var problems = new ArrayList<String>();
		var emptyDefault = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:?-}");
		compose.services().forEach((name, service) -> Compose.environment(service).forEach((key, value) -> {
			if (value != null && emptyDefault.matcher(value).find()) {
				problems.add(name + ": " + key + " = " + value + ": an empty default is left unreplaced by podman-compose "
						+ "1.0.3; use ${NAME} with NAME= in .env (gen-env.sh)");
			}
		}));
		return problems;
	}

	/** Data lives in named volumes: PostgreSQL's data directory, Kafka's log, the search index. */
	@SuppressWarnings("unchecked")
	static List<String> volumes(Compose compose) {
		var problems = new ArrayList<String>();
		var declared = compose.root().get("volumes") instanceof Map<?, ?> map ? map.keySet() : Set.of();
		var mounts = new LinkedHashMap<String, Map<String, String>>(); // service -> target -> source
		compose.services().forEach((name, service) -> {
			var list = service.get("volumes") instanceof List<?> l ? l : List.of();
			var targets = new LinkedHashMap<String, String>();
			for (var item : list) {
				var parts = String.valueOf(item).split(":");
				if (parts.length >= 2) {
					targets.put(parts[1], parts[0]);
					var named = !parts[0].startsWith(".") && !parts[0].startsWith("/") && !parts[0].startsWith("~");
					if (named && !declared.contains(parts[0])) {
						problems.add(name + ": volume " + parts[0] + " is not declared under volumes:");
					}
				}
			}
			mounts.put(name, targets);
		});
		requireDataVolume(problems, compose, mounts, "postgres", "/var/lib/postgresql/data");
		requireDataVolume(problems, compose, mounts, "kafka",
				Compose.environment(compose.services().getOrDefault("kafka", Map.of())).get("KAFKA_LOG_DIRS"));
		requireDataVolume(problems, compose, mounts, "search-service",
				Compose.environment(compose.services().getOrDefault("search-service", Map.of()))
					.get("STARRYMEET_SEARCH_INDEXDIR"));
		return problems;
	}

	/** Only the gateway (and the mailbox's page) are published; the services are reached through the gateway. */
	static List<String> ports(Fleet fleet, Compose compose) {
		var problems = new ArrayList<String>();
		for (var app : fleet.apps().values()) {
			var service = compose.services().get(app.name());
			if (service == null) {
				continue;
			}
			var published = service.get("ports") instanceof List<?> list ? list : List.of();
			if (!app.gateway() && !published.isEmpty()) {
				problems.add(app.name() + ": publishes " + published + "; only the gateway is reached from outside");
			}
			if (app.gateway() && published.stream().map(String::valueOf)
				.noneMatch(port -> port.endsWith(":" + app.serverPort()))) {
				problems.add(app.name() + ": must publish its port " + app.serverPort());
			}
		}
		return problems;
	}

	private static void requireDataVolume(List<String> problems, Compose compose,
			Map<String, Map<String, String>> mounts, String service, String path) {
		if (!compose.services().containsKey(service)) {
			problems.add("no compose service " + service);
			return;
		}
		if (path == null) {
			problems.add(service + ": its data directory is not configured");
			return;
		}
		var covered = mounts.getOrDefault(service, Map.of()).entrySet().stream()
			.anyMatch(mount -> (path.equals(mount.getKey()) || path.startsWith(mount.getKey() + "/"))
					&& !mount.getValue().startsWith(".") && !mount.getValue().startsWith("/"));
		if (!covered) {
			problems.add(service + ": " + path + " must be on a named volume");
		}
	}

	private static void checkHost(List<String> problems, String app, String setting, String host, int port,
			Map<String, Map<String, Object>> services, Map<String, Set<Integer>> ports) {
		if (!services.containsKey(host)) {
			problems.add(app + ": " + setting + " names " + host + ", which is no compose service");
			return;
		}
		var listening = ports.get(host);
		if (listening != null && !listening.contains(port)) {
			problems.add(app + ": " + setting + " asks " + host + " on port " + port + ", which listens on " + listening);
		}
	}

	/** What each compose service listens on, where known: the applications' ports; the infrastructure's defaults. */
	private static Map<String, Set<Integer>> listeningPorts(Fleet fleet, Compose compose) {
		var ports = new LinkedHashMap<String, Set<Integer>>();
		for (var app : fleet.apps().values()) {
			ports.put(app.name(), new java.util.TreeSet<>(List.of(app.serverPort(), app.managementPort())));
		}
		ports.put("postgres", Set.of(5432));
		ports.put("redis", Set.of(6379));
		ports.put("kafka", Set.of(9092));
		var stripe = compose.services().get("stripe");
		if (stripe != null) {
			ports.put("stripe", Set.of(Integer.parseInt(Compose.environment(stripe).getOrDefault("STRIPE_PORT", "12111"))));
		}
		var mailbox = compose.services().get("mailbox");
		if (mailbox != null) {
			var env = Compose.environment(mailbox);
			ports.put("mailbox", Set.of(Integer.parseInt(env.getOrDefault("MAILBOX_SMTP_PORT", "3025")),
					Integer.parseInt(env.getOrDefault("MAILBOX_HTTP_PORT", "8025"))));
		}
		return ports;
	}

	/** The properties the application refuses to start without that are secrets. */
	static Set<String> secrets(Fleet.App app) {
		var secrets = new LinkedHashSet<String>();
		app.settings().forEach((key, value) -> {
			if (key.startsWith("starrymeet.secrets.required[")) {
				secrets.add(String.valueOf(value).trim());
			}
		});
		if (app.hasDatabase()) {
			secrets.add("spring.datasource.password");
		}
		return secrets;
	}

	/** The value is one required variable and nothing else: {@code ${NAME:?message}} or {@code ${NAME?message}}. */
	static boolean requiredVariableOnly(String value) {
		return value.matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*:?\\?[^}]*}");
	}

	private static List<String> cycle(Map<String, Map<String, Object>> services) {
		var state = new LinkedHashMap<String, Integer>();
		for (var start : services.keySet()) {
			var path = new ArrayList<String>();
			if (visit(start, services, state, path)) {
				return path;
			}
		}
		return null;
	}

	private static boolean visit(String node, Map<String, Map<String, Object>> services, Map<String, Integer> state,
			List<String> path) {
		var seen = state.getOrDefault(node, 0);
		if (seen == 2) {
			return false;
		}
		path.add(node);
		if (seen == 1) {
			return true;
		}
		state.put(node, 1);
		var service = services.get(node);
		if (service != null) {
			for (var next : Compose.dependsOn(service).keySet()) {
				if (visit(next, services, state, path)) {
					return true;
				}
			}
		}
		state.put(node, 2);
		path.remove(path.size() - 1);
		return false;
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}
}
