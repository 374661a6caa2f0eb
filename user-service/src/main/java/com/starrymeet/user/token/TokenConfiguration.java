package com.starrymeet.user.token;

import java.text.ParseException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSObject;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * How this service verifies access tokens. Tokens carrying one of its own kids are verified in-process against
 * its own keys (no HTTP call to itself) and must carry its issuer; any other kid is looked up at the configured
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}, as in every other service. Both require
 * {@code aud: starrymeet-api} and a valid {@code exp}/{@code nbf}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenSettings.class)
class TokenConfiguration {

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, TokenSettings settings, OAuth2ResourceServerProperties properties) {
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
				aud -> aud != null && aud.contains(AccessTokens.AUDIENCE));
		OAuth2TokenValidator<Jwt> ours = new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), audience,
				new JwtIssuerValidator(settings.issuer()));
		var remote = NimbusJwtDecoder.withJwkSetUri(properties.getJwt().getJwkSetUri())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		remote.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), audience));
		var locals = new ConcurrentHashMap<String, JwtDecoder>();
		return token -> {
			String kid;
			try {
				kid = JWSObject.parse(token).getHeader().getKeyID();
			}
			catch (ParseException ex) {
				throw new BadJwtException("Malformed token");
			}
			var key = keys.publicKey(kid);
			if (key == null) {
				return remote.decode(token);
			}
			return locals.computeIfAbsent(kid, k -> {
				var local = NimbusJwtDecoder.withPublicKey(key).signatureAlgorithm(SignatureAlgorithm.RS256).build();
				local.setJwtValidator(ours);
				return local;
			}).decode(token);
		};
	}
}
