package com.starrymeet.user.token;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs before the context starts, after the configuration files are read, so that common-lib's
 * {@code RequiredSecrets} sees what this service will really use:
 * <ul>
 * <li>signing keys given as an indexed list ({@code signing-keys[0]}, a YAML list) are also exposed under
 * {@value TokenSettings#SIGNING_KEYS} itself, the name {@code starrymeet.secrets.required} checks;</li>
 * <li>only when {@value TokenSettings#GENERATE_MISSING_KEYS} is {@code true} (the local fleet and the tests set it;
 * false by default): a missing signing key or data key is generated for this process, with a warning. Tokens it
 * signs die with the process; 2FA enrolments made with a generated data key do not survive a restart.</li>
 * </ul>
 * Without the switch, a missing key stops the service at start with a message naming the setting.
 */
public class GeneratedLocalKeys implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE = "starrymeetGeneratedLocalKeys";

	private static final SecureRandom random = new SecureRandom();

	private final Log log;

	public GeneratedLocalKeys(DeferredLogFactory logs) {
		this.log = logs.getLog(GeneratedLocalKeys.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE; // after the configuration files
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		var signingKeys = Binder.get(environment)
			.bind(TokenSettings.SIGNING_KEYS, Bindable.listOf(String.class))
			.orElse(List.of())
			.stream()
			.filter(key -> !key.isBlank())
			.toList();
		var properties = new LinkedHashMap<String, Object>();
		if (!signingKeys.isEmpty() && blank(environment.getProperty(TokenSettings.SIGNING_KEYS))) {
			properties.put(TokenSettings.SIGNING_KEYS, String.join(",", signingKeys));
		}
		if (Boolean.TRUE.equals(environment.getProperty(TokenSettings.GENERATE_MISSING_KEYS, Boolean.class))) {
			if (signingKeys.isEmpty()) {
				properties.put(TokenSettings.SIGNING_KEYS, newSigningKey());
				log.warn("No signing key configured (" + TokenSettings.SIGNING_KEYS + "): generated an ephemeral RSA key "
						+ "because " + TokenSettings.GENERATE_MISSING_KEYS + "=true (local only); tokens it signs stop "
						+ "verifying when this process stops");
			}
			if (blank(environment.getProperty(TokenSettings.DATA_KEY))) {
				var key = new byte[32];
				random.nextBytes(key);
				properties.put(TokenSettings.DATA_KEY, Base64.getEncoder().encodeToString(key));
				log.warn("No data key configured (" + TokenSettings.DATA_KEY + "): generated one because "
						+ TokenSettings.GENERATE_MISSING_KEYS + "=true (local only); 2FA enrolments do not survive a restart");
			}
		}
		if (!properties.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, properties));
		}
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static String newSigningKey() {
		try {
			var generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			var der = generator.generateKeyPair().getPrivate().getEncoded(); // PKCS#8
			return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
					+ "\n-----END PRIVATE KEY-----";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
