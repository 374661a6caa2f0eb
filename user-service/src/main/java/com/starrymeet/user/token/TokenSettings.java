package com.starrymeet.user.token;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this service issues tokens.
 *
 * @param issuer the {@code iss} of every access token
 * @param signingKeys PEM (PKCS#8) RSA private keys: the current one first, the previous one second. Empty means
 * one key generated at start-up (local fleet, tests): its tokens die with the process.
 * @param dataKey base64 of 32 bytes: the AES-256-GCM key TOTP secrets are encrypted with at rest, from configuration
 * only (changing it makes enrolled 2FA secrets unreadable). Unset means a key generated at start-up (tests): 2FA
 * enrolments then do not survive a restart.
 */
@ConfigurationProperties("starrymeet.identity")
public record TokenSettings(@DefaultValue("https://auth.starrymeet.local") String issuer,
		@DefaultValue List<String> signingKeys,
		@Nullable String dataKey) {
}
