package com.starrymeet.user.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs RS256 access tokens (15 minutes) with the current key: {@code sub, email, role, iat, exp, iss, aud, jti}
 * and the {@code kid} header.
 */
@Component
public class AccessTokens {

	public static final Duration LIFETIME = Duration.ofMinutes(15);

	public static final String AUDIENCE = "starrymeet-api";

	private final SigningKeys keys;

	private final TokenSettings settings;

	private final JwtEncoder encoder;

	AccessTokens(SigningKeys keys, TokenSettings settings) {
		this.keys = keys;
		this.settings = settings;
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.current())));
	}

	/** An issued access token. */
	public record AccessToken(String value, String jti, Instant expiresAt) {
	}

	public AccessToken issue(UUID userId, String email, String role) {
		var now = Instant.now();
		var jti = UUID.randomUUID().toString();
		var claims = JwtClaimsSet.builder()
			.issuer(settings.issuer())
			.subject(userId.toString())
			.audience(List.of(AUDIENCE))
			.issuedAt(now)
			.expiresAt(now.plus(LIFETIME))
			.id(jti)
			.claim("email", email)
			.claim("role", role)
			.build();
		var header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.current().getKeyID()).build();
		var jwt = encoder.encode(JwtEncoderParameters.from(header, claims));
		return new AccessToken(jwt.getTokenValue(), jti, now.plus(LIFETIME));
	}
}
