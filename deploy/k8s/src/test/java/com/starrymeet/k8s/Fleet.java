package com.starrymeet.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * What the fleet's own code says each application needs, read from the repository every time, so the checks of the
 * Kubernetes manifests and of {@code docker-compose.yml} (deploy/compose, through this module's test-jar) cannot
 * drift from the code: the applications (deploy/local {@code Service}), each one's
 * {@code application.yml} (ports, {@code starrymeet.secrets.required}, {@code ${ENV:}} placeholders without a
 * default), whether its pom uses Redis, and the settings the local launcher starts it with
 * ({@code Fleet.command(Service)}): infrastructure endpoints and the peers it calls.
 */
public record Fleet(Path home, Map<String, App> apps) {

	/** Settings the local launcher gives that production must not have. */
	public static final Set<String> LOCAL_ONLY = Set.of("starrymeet.identity.seed-admin.email",
			"starrymeet.identity.seed-admin.password", "starrymeet.identity.generate-missing-keys");

	/**
	 * Settings the launcher points at a local stand-in, whose application.yml default is the production value:
	 * the Stripe simulator's address (production: https://api.stripe.com).
	 */
	public static final Set<String> PRODUCTION_DEFAULT = Set.of("starrymeet.stripe.api-base");

	/**
	 * Settings whose URL is put into what users receive (the unsubscribe link in e-mails), not called by the service:
	 * no peer to reach, so no NetworkPolicy for them.
	 */
	public static final Set<String> PUBLIC_LINKS = Set.of("starrymeet.notification.api-base-url",
			"starrymeet.notification.web-base-url");

	/** Required beyond what the launcher passes (issue 12): the proxy hop the gateway trusts (may be empty). */
	public static final Map<String, Set<String>> KUBERNETES_ONLY = Map.of("gateway", Set.of("starrymeet.gateway.trusted-proxies"));

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?::([^}]*))?}");

	/**
	 * One application.
	 * @param name Deployment and module name ({@code booking-service}, {@code gateway})
	 * @param context short name ({@code booking})
	 * @param serverPort {@code server.port} from its application.yml
	 * @param managementPort {@code management.server.port}, or the server port when actuator shares it
	 * @param required the properties that must be configured in production
	 * @param placeholderEnv property → the environment variable its application.yml reads it from
	 * @param calls the other applications it calls (from the URLs the launcher gives it)
	 * @param usesRedis its pom has spring-boot-starter-data-redis outside the test scope
	 * @param externalPorts ports it may reach outside the cluster (https APIs: 443; SMTP: 587, 465)
	 */
	public record App(String name, String context, boolean gateway, int serverPort, int managementPort, Set<String> required,
			Map<String, String> placeholderEnv, Set<String> calls, boolean usesRedis, boolean hasDatabase,
			Set<Integer> externalPorts, Map<String, Object> settings) {

		/** Environment variable names Spring Boot binds to {@code property}. */
		public List<String> environmentNames(String property) {
			var names = new LinkedHashSet<String>();
			if (this.placeholderEnv.containsKey(property)) {
				names.add(this.placeholderEnv.get(property));
			}
			names.add(property.replace(".", "_").replace("-", "").toUpperCase(java.util.Locale.ROOT));
			names.add(property.replace(".", "_").replace("-", "_").toUpperCase(java.util.Locale.ROOT));
			return List.copyOf(names);
		}
	}

	public static Fleet read(Path home) {
		var apps = new LinkedHashMap<String, App>();
		var launcher = text(home.resolve("deploy/local/src/main/java/com/starrymeet/fleet/Fleet.java"));
		var services = text(home.resolve("deploy/local/src/main/java/com/starrymeet/fleet/Service.java"));
		var enumEntry = Pattern.compile("([A-Z]+)\\(\"([a-z-]+)\", \"([a-z]+)\", \\d+\\)").matcher(services);
		var modules = new LinkedHashMap<String, String[]>(); // USER -> {user-service, user}
		while (enumEntry.find()) {
			modules.put(enumEntry.group(1), new String[] { enumEntry.group(2), enumEntry.group(3) });
		}
		if (modules.size() < 8) {
			throw new IllegalStateException("deploy/local Service.java lists " + modules.keySet() + ": format changed?");
		}
		var command = launcherSettings(launcher, modules);
		for (var entry : modules.entrySet()) {
			var constant = entry.getKey();
			var module = entry.getValue()[0];
			var context = entry.getValue()[1];
			var gateway = constant.equals("GATEWAY");
			var settings = flatten(yaml(home.resolve(module).resolve("src/main/resources/application.yml")));
			var placeholderEnv = new LinkedHashMap<String, String>();
			var required = new TreeSet<String>();
			settings.forEach((property, value) -> {
				if (value instanceof String text) {
					var matcher = PLACEHOLDER.matcher(text.trim());
					if (matcher.matches()) {
						placeholderEnv.put(property, matcher.group(1));
						if (matcher.group(2) == null || matcher.group(2).isBlank()) {
							required.add(property);
						}
					}
				}
			});
			var hasDatabase = settings.containsKey("spring.datasource.url");
			if (hasDatabase) {
				required.add("spring.datasource.password"); // common-lib's ServiceDefaults
			}
			for (var key : settings.keySet()) {
				if (key.startsWith("starrymeet.secrets.required[")) {
					required.add(String.valueOf(settings.get(key)).trim());
				}
			}
			var launched = command.getOrDefault(constant, new Launched(new TreeSet<>(), new TreeSet<>()));
			var usesRedis = usesRedis(text(home.resolve(module).resolve("pom.xml")));
			for (var property : launched.properties()) {
				if (LOCAL_ONLY.contains(property) || PRODUCTION_DEFAULT.contains(property)) {
					continue;
				}
				if (property.startsWith("spring.data.redis.") && !usesRedis) {
					continue; // the launcher gives every service Redis; only the ones that use it get it here
				}
				required.add(property);
			}
			required.addAll(KUBERNETES_ONLY.getOrDefault(context, Set.of()));
			var calls = new TreeSet<String>();
			for (var callee : launched.calls()) {
				var calleeModule = modules.get(callee)[0];
				if (!calleeModule.equals(module)) {
					calls.add(calleeModule);
				}
			}
			var external = new TreeSet<Integer>();
			settings.forEach((property, value) -> {
				if (property.endsWith(".api-base") && String.valueOf(value).startsWith("https://")) {
					external.add(443);
				}
			});
			if (settings.containsKey("spring.mail.host")) {
				external.addAll(List.of(587, 465));
			}
			var serverPort = Integer.parseInt(String.valueOf(settings.get("server.port")));
			var management = settings.get("management.server.port");
			apps.put(module,
					new App(module, context, gateway, serverPort,
							management == null ? serverPort : Integer.parseInt(String.valueOf(management)),
							Set.copyOf(required), Map.copyOf(placeholderEnv), Set.copyOf(calls), usesRedis, hasDatabase,
							Set.copyOf(external), settings));
		}
		return new Fleet(home, Map.copyOf(apps));
	}

	public record Launched(Set<String> properties, Set<String> calls) {
	}

	/**
	 * The {@code --property=} arguments of {@code Fleet.command(Service)} per service constant, and the services whose
	 * port each one's arguments name (the peers it calls).
	 */
	public static Map<String, Launched> launcherSettings(String launcher, Map<String, String[]> modules) {
		var start = launcher.indexOf("private List<String> command(Service service) {");
		if (start < 0) {
			throw new IllegalStateException("Fleet.java has no command(Service) method: the check must be updated");
		}
		var body = launcher.substring(start, matchingBrace(launcher, launcher.indexOf('{', start)) + 1);
		var blocks = new ArrayList<int[]>(); // start, end, owner index
		var owners = new ArrayList<String>();
		var block = Pattern.compile("if \\((service\\.isGateway\\(\\)|service == Service\\.([A-Z]+))\\) \\{").matcher(body);
		while (block.find()) {
			var open = block.end() - 1;
			blocks.add(new int[] { open, matchingBrace(body, open) });
			owners.add(block.group(2) == null ? "GATEWAY" : block.group(2));
		}
		var result = new LinkedHashMap<String, Launched>();
		modules.keySet().forEach(constant -> result.put(constant, new Launched(new TreeSet<>(), new TreeSet<>())));
		Matcher add = Pattern.compile("command\\.add\\(").matcher(body);
		var property = Pattern.compile("\"--([a-z0-9.\\-]+)(=|\"\\s*\\+\\s*downstream\\.context\\(\\))");
		var port = Pattern.compile("this\\.ports\\.get\\(Service\\.([A-Z]+)\\)");
		while (add.find()) {
			var statement = body.substring(add.start(), statementEnd(body, add.end() - 1));
			var name = property.matcher(statement);
			if (!name.find()) {
				continue; // java, -jar, JVM options
			}
			if (!name.group(1).contains(".")) {
				continue; // a JVM option (--enable-native-access=...), not a Spring setting
			}
			var properties = new ArrayList<String>();
			if (name.group(2).equals("=")) {
				properties.add(name.group(1));
			}
			else {
				modules.forEach((constant, m) -> {
					if (!constant.equals("GATEWAY")) {
						properties.add(name.group(1) + m[1]);
					}
				});
			}
			var callees = new ArrayList<String>();
			var callee = port.matcher(statement);
			while (callee.find()) {
				callees.add(callee.group(1));
			}
			if (PUBLIC_LINKS.containsAll(properties)) {
				callees.clear();
			}
			if (statement.contains("downstream.context()")) {
				modules.keySet().stream().filter(c -> !c.equals("GATEWAY")).forEach(callees::add);
			}
			String owner = null;
			for (int i = 0; i < blocks.size(); i++) {
				if (add.start() > blocks.get(i)[0] && add.start() < blocks.get(i)[1]) {
					owner = owners.get(i);
				}
			}
			// outside the per-service blocks: before the gateway's block (which returns) every application, after it
			// every service
			var gatewayBlock = owners.indexOf("GATEWAY");
			var beforeGateway = gatewayBlock >= 0 && add.start() < blocks.get(gatewayBlock)[0];
			var targets = owner != null ? List.of(owner)
					: modules.keySet().stream().filter(c -> beforeGateway || !c.equals("GATEWAY")).toList();
			for (var target : targets) {
				result.get(target).properties().addAll(properties);
				result.get(target).calls().addAll(callees);
			}
		}
		return result;
	}

	private static int matchingBrace(String text, int open) {
		int depth = 0;
		for (int i = open; i < text.length(); i++) {
			if (text.charAt(i) == '{') {
				depth++;
			}
			else if (text.charAt(i) == '}' && --depth == 0) {
				return i;
			}
		}
		throw new IllegalStateException("unbalanced braces from " + open);
	}

	private static int statementEnd(String text, int openParen) {
		int depth = 0;
		boolean string = false;
		for (int i = openParen; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' && text.charAt(i - 1) != '\\') {
				string = !string;
			}
			else if (!string && c == '(') {
				depth++;
			}
			else if (!string && c == ')' && --depth == 0) {
				return i + 1;
			}
		}
		throw new IllegalStateException("unbalanced parentheses from " + openParen);
	}

	public static boolean usesRedis(String pom) {
		var dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
		while (dependency.find()) {
			var text = dependency.group(1);
			if ((text.contains("<artifactId>spring-boot-starter-data-redis</artifactId>")
					|| text.contains("<artifactId>spring-boot-starter-data-redis-reactive</artifactId>"))
					&& !text.contains("<scope>test</scope>")) {
				return true;
			}
		}
		return false;
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> flatten(Object yaml) {
		var flat = new LinkedHashMap<String, Object>();
		flatten("", yaml, flat);
		return flat;
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Object node, Map<String, Object> flat) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, flat));
		}
		else if (node instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(prefix + "[" + i + "]", list.get(i), flat);
			}
		}
		else {
			flat.put(prefix, node);
		}
	}

	private static Object yaml(Path file) {
		return new Yaml().load(text(file));
	}

	public static String text(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
