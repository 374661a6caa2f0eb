package com.starrymeet.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/** The services of the fleet, in start order: user-service first (it serves the JWKS), the gateway last. */
public enum Service {

	USER("user-service", "user", 1),
	CELEBRITY("celebrity-service", "celebrity", 2),
	BOOKING("booking-service", "booking", 3),
	PAYMENT("payment-service", "payment", 4),
	NOTIFICATION("notification-service", "notification", 5),
	SEARCH("search-service", "search", 6),
	ANALYTICS("analytics-service", "analytics", 7),
	GATEWAY("gateway", "gateway", 0);

	/** Version of the service jars, the same as this module's (filtered into {@code fleet.properties}). */
	static final String VERSION = loadVersion();

	private final String module;

	private final String context;

	private final int portOffset;

	Service(String module, String context, int portOffset) {
		this.module = module;
		this.context = context;
		this.portOffset = portOffset;
	}

	/** Maven module and log file name, e.g. {@code celebrity-service}. */
	public String module() {
		return this.module;
	}

	/** Short name, e.g. {@code celebrity}; also the gateway property key and the database suffix. */
	public String context() {
		return this.context;
	}

	/** Port relative to the port base: gateway 0, user 1 … analytics 7. */
	public int portOffset() {
		return this.portOffset;
	}

	public boolean isGateway() {
		return this == GATEWAY;
	}

	/** {@code starrymeet_<context>}; the gateway has no database. */
	public String database() {
		return "starrymeet_" + this.context;
	}

	/** The Spring Boot fat jar under the project root. */
	public Path jar(Path home) {
		return home.resolve(this.module).resolve("target").resolve(this.module + "-" + VERSION + ".jar");
	}

	/** Accepts the module name ({@code celebrity-service}) or the context ({@code celebrity}). */
	public static Service of(String name) {
		var wanted = name.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter(service -> service.module.equals(wanted) || service.context.equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown service '" + name + "'; known: "
					+ Arrays.stream(values()).map(Service::module).collect(Collectors.joining(", "))));
	}

	private static String loadVersion() {
		try (InputStream in = Service.class.getResourceAsStream("/fleet.properties")) {
			if (in == null) {
				throw new IllegalStateException("fleet.properties is missing from the launcher's classpath");
			}
			var properties = new Properties();
			properties.load(in);
			return properties.getProperty("version", "0.1.0-SNAPSHOT");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
