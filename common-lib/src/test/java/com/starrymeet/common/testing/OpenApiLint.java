package com.starrymeet.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lints an OpenAPI document with Redocly CLI's recommended rules (pinned in {@code tools/openapi-lint}, installed
 * from npm on first use with {@code npm ci}). Node.js and npm must be on the PATH.
 */
public final class OpenApiLint {

	private OpenApiLint() {
	}

	/** The outcome: the exit code and Redocly's report. */
	public record Result(int exitCode, String output) {

		/** Clean means no error and no warning. */
		public boolean clean() {
			return exitCode == 0 && !output.contains("warning") && output.contains("Your API description is valid");
		}
	}

	public static Result lint(Path document) throws IOException, InterruptedException {
		var tools = toolsDirectory();
		var redocly = tools.resolve("node_modules/.bin/redocly");
		synchronized (OpenApiLint.class) {
			if (!Files.isExecutable(redocly)) {
				run(tools, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
			}
		}
		return run(tools, List.of(redocly.toString(), "lint", "--extends=recommended", "--format=stylish",
				document.toAbsolutePath().toString()), 120);
	}

	private static Result run(Path directory, List<String> command, int timeoutSeconds)
			throws IOException, InterruptedException {
		var process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
			.redirectErrorStream(true)
			.start();
		process.getOutputStream().close();
		var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
		}
		if (process.exitValue() != 0 && command.get(0).equals("npm")) {
			throw new IllegalStateException("npm ci in " + directory + " failed:\n" + output);
		}
		return new Result(process.exitValue(), output);
	}

	/** {@code tools/openapi-lint} of the project, found from the module's working directory upwards. */
	static Path toolsDirectory() {
		for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			var candidate = dir.resolve("tools/openapi-lint");
			if (Files.exists(candidate.resolve("package.json"))) {
				return candidate;
			}
		}
		throw new IllegalStateException("tools/openapi-lint not found above " + Path.of("").toAbsolutePath());
	}
}
