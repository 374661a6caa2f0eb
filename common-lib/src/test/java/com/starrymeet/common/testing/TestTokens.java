package com.starrymeet.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Issues RS256 access tokens with a test key whose public half is served as a JWKS over real HTTP, so
 * services validate them exactly as they validate user-service's tokens.
 */
public final class TestTokens {

	public static final String AUDIENCE = "starrymeet-api";

	public static final String ISSUER = "https://auth.starrymeet.test";

	private static RSAKey key;

	private static String jwksUri;

	private TestTokens() {
	}

	public static synchronized String jwksUri() {
		if (jwksUri == null) {
			key = generate();
			var jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			try {
				var server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
				server.createContext("/.well-known/jwks.json", exchange -> {
					exchange.getResponseHeaders().add("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, jwks.length);
					exchange.getResponseBody().write(jwks);
					exchange.close();
				});
				server.start();
				jwksUri = "http://localhost:" + server.getAddress().getPort() + "/.well-known/jwks.json";
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return jwksUri;
	}

	/** A valid 15-minute access token for a new subject with {@code role} (USER, CELEBRITY, ADMIN). */
	public static String token(String role) {
		return token(UUID.randomUUID().toString(), role);
	}

	public static String token(String subject, String role) {
		var now = Instant.now();
		return sign(new JWTClaimsSet.Builder().subject(subject)
			.claim("role", role)
			.claim("email", subject + "@example.test")
			.issuer(ISSUER)
			.audience(AUDIENCE)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(900)))
			.build());
	}

	public static String sign(JWTClaimsSet claims) {
		jwksUri();
		try {
			var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generate() {
		try {
			var generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			var pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID("test-" + UUID.randomUUID())
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
