package com.starrymeet.common.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Stops a service at start when a secret it needs is not configured, with a message that names each setting
 * and its environment variable — instead of running with a default password or a key generated on the spot.
 * A service lists its secrets in {@code starrymeet.secrets.required} (every service with a database needs
 * {@code spring.datasource.password}); a value that is blank counts as missing. Runs when the context refreshes,
 * before any bean is made, so every property source (files, environment, arguments, test initializers) counts.
 */
public class RequiredSecrets implements BeanFactoryPostProcessor, EnvironmentAware {

	public static final String PROPERTY = "starrymeet.secrets.required";

	private ConfigurableEnvironment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		check(environment);
	}

	/** @throws MissingSecretsException naming every required setting that has no value */
	public static void check(ConfigurableEnvironment environment) {
		var required = Binder.get(environment).bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of());
		var missing = new ArrayList<String>();
		var variables = new java.util.LinkedHashMap<String, List<String>>();
		for (var name : required) {
			var value = environment.getProperty(name.trim());
			if (value == null || value.isBlank()) {
				missing.add(name.trim());
				variables.put(name.trim(), environmentVariables(environment, name.trim()));
			}
		}
		if (!missing.isEmpty()) {
			throw new MissingSecretsException(missing, variables);
		}
	}

	private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern
		.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?}");

	/**
	 * The environment variables that set {@code property}: the one its configuration names in a placeholder
	 * ({@code secret-key: ${STRIPE_SECRET_KEY:}}), in any property source, then Spring Boot's relaxed-binding
	 * name, which always works too.
	 */
	static List<String> environmentVariables(ConfigurableEnvironment environment, String property) {
		var names = new java.util.LinkedHashSet<String>();
		for (var source : environment.getPropertySources()) {
			var raw = source.getProperty(property);
			if (raw instanceof org.springframework.boot.origin.OriginTrackedValue tracked) {
				raw = tracked.getValue();
			}
			if (raw instanceof CharSequence text) {
				var matcher = PLACEHOLDER.matcher(text);
				if (matcher.matches()) {
					names.add(matcher.group(1));
				}
			}
		}
		names.add(environmentVariable(property));
		return List.copyOf(names);
	}

	/** The settings a service cannot start without. */
	public static class MissingSecretsException extends IllegalStateException {

		private final List<String> settings;

		public MissingSecretsException(List<String> settings) {
			this(settings, java.util.Map.of());
		}

		/** @param variables per setting, the environment variables that set it (the first is the one to use) */
		public MissingSecretsException(List<String> settings, java.util.Map<String, List<String>> variables) {
			super("Missing required secret setting(s): " + String.join(", ", settings.stream()
				.map(s -> s + " (environment variable "
						+ String.join(" or ", variables.getOrDefault(s, List.of(environmentVariable(s)))) + ")")
				.toList()) + ". Configure them (e.g. from a Kubernetes Secret); the service does not start without.");
			this.settings = List.copyOf(settings);
		}

		public List<String> settings() {
			return settings;
		}
	}

	/** Spring Boot's relaxed-binding form of a property name as an environment variable. */
	static String environmentVariable(String property) {
		return property.replace('.', '_').replace("-", "").replace("[", "_").replace("]", "_").toUpperCase(java.util.Locale.ROOT);
	}
}
