package com.starrymeet.gateway.health;

import java.time.Duration;

import com.starrymeet.gateway.GatewaySettings;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Health contributor {@code downstreams}: one entry per configured service. It is shown by
 * {@code /actuator/health} but is in neither the liveness nor the readiness group, so a stopped
 * service never makes the gateway unready.
 */
@Configuration(proxyBeanMethods = false)
class DownstreamHealthConfiguration {

	@Bean
	CompositeReactiveHealthContributor downstreams(GatewaySettings settings) {
		Duration timeout = settings.health().timeout();
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
			.responseTimeout(timeout);
		WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
		return CompositeReactiveHealthContributor.fromMap(settings.services().byName(),
				uri -> new DownstreamHealthIndicator(client, uri, timeout));
	}

}
