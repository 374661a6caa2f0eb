package com.starrymeet.user;

import java.util.List;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Turns DEBUG on for the loggers that could leak a secret — our code, Spring MVC (it logs request bodies) and the
 * outbox — for one test, whatever application context ran before: levels are global to the JVM, and a cached
 * context does not apply its {@code logging.level.*} again when it is reused after another one started.
 */
public final class DebugLogging {

	public static final List<String> LOGGERS = List.of("com.starrymeet", "org.springframework.web",
			"org.springframework.modulith");

	private DebugLogging() {
	}

	public static void on() {
		var logging = LoggingSystem.get(DebugLogging.class.getClassLoader());
		LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
	}

	/** Back to the configured levels (inherited from the root). */
	public static void off() {
		var logging = LoggingSystem.get(DebugLogging.class.getClassLoader());
		LOGGERS.forEach(name -> logging.setLogLevel(name, null));
	}
}
