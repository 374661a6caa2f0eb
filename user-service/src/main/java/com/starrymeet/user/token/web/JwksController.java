package com.starrymeet.user.token.web;

import java.time.Duration;
import java.util.Map;

import com.starrymeet.user.token.SigningKeys;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class JwksController {

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	/** The public halves of the current and previous signing keys (RFC 7517), public, not enveloped. */
	@Operation(summary = "Get the token signing keys (JWKS)",
			description = "The public halves of the current and previous RS256 signing keys (RFC 7517), not enveloped.")
	@GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(keys.publicJwks());
	}
}
