package com.starrymeet.user.token;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The RSA keys access tokens are signed with: the current key signs, the previous one (if any) only verifies
 * until the tokens it signed have expired. Key material is never logged.
 */
@Component
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private final List<RSAKey> keys;

	SigningKeys(TokenSettings settings) {
		var configured = settings.signingKeys().stream().filter(pem -> !pem.isBlank()).toList();
		if (configured.size() > 2) {
			throw new IllegalStateException(TokenSettings.SIGNING_KEYS + " holds the current and the previous key only");
		}
		var loaded = new ArrayList<RSAKey>();
		if (configured.isEmpty()) {
			// RequiredSecrets stops the start before this; GeneratedLocalKeys fills it in for the local fleet only
			throw new IllegalStateException(TokenSettings.SIGNING_KEYS + " is not set");
		}
		configured.forEach(pem -> loaded.add(parse(pem)));
		log.info("Signing access tokens with kid {}{}", loaded.getFirst().getKeyID(),
				loaded.size() > 1 ? "; also verifying kid " + loaded.get(1).getKeyID() : "");
		this.keys = List.copyOf(loaded);
	}

	/** The key new tokens are signed with (private half included). */
	public RSAKey current() {
		return keys.getFirst();
	}

	/** The public key for a kid this service signed with, or null if the kid is not ours. */
	public @Nullable RSAPublicKey publicKey(@Nullable String kid) {
		for (var key : keys) {
			if (key.getKeyID().equals(kid)) {
				try {
					return key.toRSAPublicKey();
				}
				catch (JOSEException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return null;
	}

	/** The JWKS document: public halves only, current then previous. */
	public Map<String, Object> publicJwks() {
		return new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList()).toJSONObject(true);
	}

	static RSAKey parse(String pem) {
		try {
			var base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
			var factory = KeyFactory.getInstance("RSA");
			var privateKey = (RSAPrivateCrtKey) factory
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
			var publicKey = (RSAPublicKey) factory
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return build(publicKey, privateKey);
		}
		catch (Exception ex) {
			// never include the key material (or a parser message that might quote it)
			throw new IllegalStateException("A configured signing key is not a PKCS#8 PEM RSA private key");
		}
	}

	private static RSAKey build(RSAPublicKey publicKey, RSAPrivateCrtKey privateKey) throws JOSEException {
		var key = new RSAKey.Builder(publicKey).privateKey(privateKey)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256)
			.build();
		// kid = RFC 7638 thumbprint: stable for a configured key across restarts and instances
		return new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
	}
}
