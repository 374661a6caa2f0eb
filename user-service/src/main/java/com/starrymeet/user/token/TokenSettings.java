package com.starrymeet.user.token;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this service issues tokens. Both keys are secrets from configuration, listed in
 * {@code starrymeet.secrets.required}: without them the service does not start, unless
 * {@value #GENERATE_MISSING_KEYS} (local fleet and tests only) lets {@link GeneratedLocalKeys} make them up.
 *
 * @param issuer the {@code iss} of every access token
 * @param signingKeys PEM (PKCS#8) RSA private keys: the current one first, the previous one second
 * @param dataKey base64 of 32 bytes: the AES-256-GCM key TOTP secrets are encrypted with at rest (changing it makes
 * enrolled 2FA secrets unreadable)
 */
@ConfigurationProperties("starrymeet.identity")
public record TokenSettings(@DefaultValue("https://auth.starrymeet.local") String issuer,
		@DefaultValue List<String> signingKeys,
		@Nullable String dataKey) {

	public static final String SIGNING_KEYS = "starrymeet.identity.signing-keys";

	public static final String DATA_KEY = "starrymeet.identity.data-key";

	/** Local fleet and tests only: generate a missing signing key and data key instead of refusing to start. */
	public static final String GENERATE_MISSING_KEYS = "starrymeet.identity.generate-missing-keys";
}
