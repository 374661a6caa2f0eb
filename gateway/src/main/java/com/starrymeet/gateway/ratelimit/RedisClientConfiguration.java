package com.starrymeet.gateway.ratelimit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.lettuce.core.ClientOptions;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The gateway's Redis client and rate limiter. A dead Redis must cost a request at most a short timeout: commands issued while the connection is
 * down fail at once instead of queueing until the command timeout ({@code spring.data.redis.timeout},
 * bound to {@code starrymeet.gateway.redis.timeout}). Lettuce keeps reconnecting in the background.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

	/** The token-bucket script that ships with Spring Cloud Gateway. */
	static final String SCRIPT = "META-INF/scripts/request_rate_limiter.lua";

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Spring Cloud Gateway's {@link RedisRateLimiter} with the same Lua script, read once into a static script. The
	 * auto-configured one is a {@code ResourceScriptSource}, and {@code DefaultRedisScript} asks that classpath
	 * resource (an entry of the jar) whether it was modified each time it needs the script's SHA-1, i.e. on every
	 * request: about a tenth of the gateway's CPU in the rate-limited benchmark profile.
	 */
	@Bean
	@SuppressWarnings({ "unchecked", "rawtypes" })
	RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configurationService)
			throws IOException {
		String script = new ClassPathResource(SCRIPT).getContentAsString(StandardCharsets.UTF_8);
		return new RedisRateLimiter(redis, (RedisScript<List<Long>>) RedisScript.of(script, (Class) List.class),
				configurationService);
	}

}
