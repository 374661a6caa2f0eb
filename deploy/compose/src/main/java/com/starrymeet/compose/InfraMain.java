package com.starrymeet.compose;

import java.util.Arrays;

/**
 * The entry point of the {@code starrymeet/compose-infra} image (Jib, this module): docker-compose.yml runs it three
 * times, as {@code kafka}, {@code stripe} and {@code mailbox}, each configured by environment variables only.
 */
public final class InfraMain {

	private InfraMain() {
	}

	public static void main(String[] args) throws Exception {
		var what = args.length == 0 ? "" : args[0];
		var rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
		switch (what) {
			case "kafka" -> KafkaServer.main(rest);
			case "stripe" -> StripeServer.main(rest);
			case "mailbox" -> Mailbox.main(rest);
			default -> {
				System.err.println("Usage: InfraMain kafka|stripe|mailbox (settings from the environment; see "
						+ "deploy/compose/README.md)");
				System.exit(2);
			}
		}
	}

	static String env(String name, String fallback) {
		var value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value.trim();
	}

	static String required(String name) {
		var value = System.getenv(name);
		if (value == null || value.isBlank()) {
			System.err.println(name + " is required");
			System.exit(2);
		}
		return value.trim();
	}
}
