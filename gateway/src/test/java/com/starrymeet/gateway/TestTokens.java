package com.starrymeet.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens as user-service issues them (RS256, {@code kid}, {@code sub, email, role, iat, exp,
 * iss, aud, jti}), signed with a test key whose JWKS the fake user-service serves, plus the forgeries
 * the gateway must refuse.
 */
final class TestTokens {

	static final String ISSUER = "https://auth.starrymeet.local";

	static final String AUDIENCE = "starrymeet-api";

	/** The key user-service signs with; its public half is in {@link #jwks()}. */
	static final RSAKey KEY = generate("test-signing-key");

	/** A key the JWKS does not publish. */
	static final RSAKey FOREIGN_KEY = generate("foreign-key");

	static final UUID ADMIN_ID = UUID.fromString("00000000-0000-0000-0000-00000000a0a0");

	/** A valid ADMIN token, the default credential of tests about other things than auth. */
	static final String ADMIN = token(ADMIN_ID, "ADMIN");

	private TestTokens() {
	}

	static String jwks() {
		return new JWKSet(KEY.toPublicJWK()).toString(true);
	}

	/** A token's claims as user-service writes them, issued now, valid 15 minutes. */
	static JWTClaimsSet.Builder claims(UUID userId, String role) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(userId.toString())
			.audience(AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
			.jwtID(UUID.randomUUID().toString())
			.claim("email", "u" + userId.toString().substring(0, 8) + "@example.com")
			.claim("role", role);
	}

	static String token(UUID userId, String role) {
		return sign(claims(userId, role).build());
	}

	static String user() {
		return token(UUID.randomUUID(), "USER");
	}

	static String sign(JWTClaimsSet claims) {
		return sign(KEY, KEY.getKeyID(), claims);
	}

	static String sign(RSAKey key, String kid, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** HS256 with the (public, hence known) RSA key's bytes as the HMAC secret: the key-confusion attack. */
	static String hs256WithPublicKey(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(),
					claims);
			jwt.sign(new MACSigner(KEY.toRSAPublicKey().getEncoded()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code alg: none}, no signature. */
	static String unsigned(JWTClaimsSet claims) {
		return new PlainJWT(claims).serialize();
	}

	/** A valid token whose payload was swapped for another one (e.g. role raised), signature kept. */
	static String tampered(String token, JWTClaimsSet newClaims) {
		String[] parts = token.split("\\.");
		String payload = com.nimbusds.jose.util.Base64URL.encode(newClaims.toString()).toString();
		return parts[0] + "." + payload + "." + parts[2];
	}

	private static RSAKey generate(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
