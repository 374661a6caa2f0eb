package com.starrymeet.gateway.health;

import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the public port tells about the gateway's health: the status alone ({@code {"status":"UP"}}) of
 * {@code /actuator/health} (everything, downstreams included) and of the liveness and readiness probes, with
 * actuator's HTTP status (503 when DOWN). Details, components, metrics and info are served only on the
 * management port ({@code management.server.port}), where actuator itself answers; this class refuses to
 * start when that port is not a separate one, so they can never become public by configuration.
 */
@RestController
class PublicHealth {

	static final Set<String> PROBES = Set.of("liveness", "readiness");

	private final ReactiveHealthEndpointWebExtension health;

	PublicHealth(ReactiveHealthEndpointWebExtension health, Environment environment) {
		requireSeparateManagementPort(environment);
		this.health = health;
	}

	/**
	 * @throws IllegalStateException unless {@code management.server.port} is set to another port than
	 * {@code server.port}
	 */
	static void requireSeparateManagementPort(Environment environment) {
		if (ManagementPortType.get(environment) != ManagementPortType.DIFFERENT) {
			throw new IllegalStateException("management.server.port (environment variable MANAGEMENT_SERVER_PORT) "
					+ "must be set to a port other than server.port: it serves Prometheus metrics and health details, "
					+ "which must not be reachable on the public port. Current: management.server.port="
					+ environment.getProperty("management.server.port") + ", server.port="
					+ environment.getProperty("server.port"));
		}
	}

	@GetMapping("/actuator/health")
	Mono<ResponseEntity<Map<String, String>>> overall() {
		return status();
	}

	@GetMapping("/actuator/health/{probe}")
	Mono<ResponseEntity<Map<String, String>>> probe(@PathVariable String probe) {
		if (!PROBES.contains(probe)) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		return status(probe);
	}

	private Mono<ResponseEntity<Map<String, String>>> status(String... path) {
		return health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, false, path)
			.map((response) -> {
				HealthDescriptor descriptor = response.getBody();
				if (descriptor == null) {
					throw new ResponseStatusException(HttpStatus.NOT_FOUND);
				}
				return ResponseEntity.status(response.getStatus())
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("status", descriptor.getStatus().getCode()));
			});
	}

}
