package com.starrymeet.gateway;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Works around a Reactor Netty 1.3.x server bug (reactor/reactor-netty#4361, PR #4347): on a keep-alive connection,
 * a request that arrives after the previous response was sent but before that exchange has terminated (its handler
 * finished on another thread, e.g. a blocking health check on {@code boundedElastic}) is buffered, and sometimes
 * the connection then stops reading: the request is answered only when the client gives up and closes the
 * connection. Measured here: about 1 in 1,000 keep-alive requests to {@code /actuator/health/liveness} hung, none in
 * 12,000 with the workaround. {@code reactor.netty.http.server.lastFlushWhenNoRead=true} (Reactor Netty's own switch)
 * terminates the previous exchange once its last packet is sent, so the new request is dispatched at once.
 * <p>
 * A system property read when Reactor Netty's server classes load, so it is set here, before any server starts
 * (the application and tests alike), unless it was set explicitly. Remove once Boot manages a Reactor Netty
 * release with the fix.
 */
public class KeepAliveReadWorkaround implements EnvironmentPostProcessor {

	static final String PROPERTY = "reactor.netty.http.server.lastFlushWhenNoRead";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, "true");
		}
	}

}
