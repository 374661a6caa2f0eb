package com.starrymeet.user.token;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this service issues tokens.
 *
 * @param issuer the {@code iss} of every access token
 * @param signingKeys PEM (PKCS#8) RSA private keys: the current one first, the previous one second. Empty means
 * one key generated at start-up (local fleet, tests): its tokens die with the process.
 * @param dataKey base64 of 32 bytes: the AES-256-GCM key TOTP secrets are encrypted with at rest. The default is a
 * well-known development key; production must set its own (changing it makes enrolled 2FA secrets unreadable).
 */
@ConfigurationProperties("starrymeet.identity")
public record TokenSettings(@DefaultValue("https://auth.starrymeet.local") String issuer,
		@DefaultValue List<String> signingKeys,
		@DefaultValue("c3RhcnJ5bWVldC1sb2NhbC1kZXYtZGF0YS1rZXkhISE=") String dataKey) {
}
