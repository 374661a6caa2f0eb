package com.starrymeet.gateway.health;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The gateway does not start unless actuator has a port of its own. */
class PublicHealthTest {

	@Test
	void aSeparateManagementPortIsAccepted() {
		assertThatNoException().isThrownBy(() -> PublicHealth.requireSeparateManagementPort(
				new MockEnvironment().withProperty("server.port", "8080").withProperty("management.server.port", "9080")));
		// tests: both random
		assertThatNoException().isThrownBy(() -> PublicHealth.requireSeparateManagementPort(
				new MockEnvironment().withProperty("server.port", "0").withProperty("management.server.port", "0")));
	}

	@Test
	void noManagementPortStopsTheGatewayNamingTheSetting() {
		assertThatIllegalStateException()
			.isThrownBy(() -> PublicHealth
				.requireSeparateManagementPort(new MockEnvironment().withProperty("server.port", "8080")))
			.withMessageContaining("management.server.port")
			.withMessageContaining("MANAGEMENT_SERVER_PORT");
	}

	@Test
	void theSamePortAsTheApiStopsTheGateway() {
		assertThatIllegalStateException()
			.isThrownBy(() -> PublicHealth.requireSeparateManagementPort(
					new MockEnvironment().withProperty("server.port", "8080").withProperty("management.server.port", "8080")))
			.withMessageContaining("management.server.port");
	}

	@Test
	void aDisabledManagementServerStopsTheGateway() {
		// no actuator at all would leave the probes without an answer
		assertThatIllegalStateException().isThrownBy(() -> PublicHealth.requireSeparateManagementPort(
				new MockEnvironment().withProperty("server.port", "8080").withProperty("management.server.port", "-1")));
	}

}
