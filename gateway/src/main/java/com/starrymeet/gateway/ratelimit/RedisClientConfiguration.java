package com.starrymeet.gateway.ratelimit;

import io.lettuce.core.ClientOptions;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A dead Redis must cost a request at most a short timeout: commands issued while the connection is
 * down fail at once instead of queueing until the command timeout ({@code spring.data.redis.timeout},
 * bound to {@code starrymeet.gateway.redis.timeout}). Lettuce keeps reconnecting in the background.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

}
