package com.starrymeet.gateway;

import java.lang.reflect.Field;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Reactor Netty keep-alive workaround is in force in the running server (see {@link KeepAliveReadWorkaround}). */
class KeepAliveReadWorkaroundTest extends GatewayIntegrationTest {

	@Test
	void theServerRunsWithTheWorkaround() throws Exception {
		anonymous.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

		assertThat(System.getProperty(KeepAliveReadWorkaround.PROPERTY)).isEqualTo("true");
		// read once, when the class loaded: it must have loaded after the property was set
		Class<?> handler = Class.forName("reactor.netty.http.server.HttpTrafficHandler");
		Field flag = handler.getDeclaredField("LAST_FLUSH_WHEN_NO_READ");
		flag.setAccessible(true);
		assertThat(flag.getBoolean(null)).isTrue();
	}

	@Test
	void manyKeepAliveProbesInARowAreAllAnswered() {
		// without the workaround about 1 in 1,000 of these hung until the client's timeout
		for (int i = 0; i < 300; i++) {
			anonymous.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		}
	}

}
