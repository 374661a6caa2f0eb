package com.starrymeet.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that each module of a service (the first package below the service's base package, e.g.
 * {@code com.starrymeet.user.favorite}) names in its SQL only the tables it owns. Cross-module work goes through
 * the owning module's API or an in-process event. A service's test lists which module owns each table; tables
 * mapped to {@link #SHARED} (the outbox and processed-event tables) may be used by any module.
 * <p>
 * The check reads the main sources: every {@code FROM, JOIN, INTO, UPDATE, TABLE} followed by a known table name,
 * outside comments. A table that is not in the map fails too, so a new table must be given an owner.
 */
public final class TableOwnership {

	public static final String SHARED = "*";

	private static final Pattern REFERENCE = Pattern
		.compile("(?i)\\b(?:from|join|into|update|table|exists)\\s+([a-z_][a-z0-9_]*)\\b");

	private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

	private TableOwnership() {
	}

	/**
	 * @param sourceRoot the service's {@code src/main/java}
	 * @param basePackage e.g. {@code com.starrymeet.user}
	 * @param ownerByTable table name → owning module (package segment below the base) or {@link #SHARED}
	 * @param migrations the service's {@code src/main/resources/db/migration}, whose {@code CREATE TABLE}s must all
	 *        have an owner
	 */
	public static void assertModulesTouchOnlyTheirTables(Path sourceRoot, String basePackage,
			Map<String, String> ownerByTable, Path migrations) {
		var violations = new ArrayList<String>();
		var base = sourceRoot.resolve(basePackage.replace('.', '/'));
		try (Stream<Path> files = Files.walk(base)) {
			files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
				var relative = base.relativize(file);
				if (relative.getNameCount() < 2) {
					return; // the application class itself
				}
				var module = relative.getName(0).toString();
				var source = COMMENTS.matcher(read(file)).replaceAll(" ");
				var matcher = REFERENCE.matcher(source);
				while (matcher.find()) {
					var table = matcher.group(1).toLowerCase(Locale.ROOT);
					var owner = ownerByTable.get(table);
					if (owner != null && !owner.equals(SHARED) && !owner.equals(module)) {
						violations.add(relative + " (module " + module + ") uses table " + table + " of module " + owner);
					}
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var created = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
		try (Stream<Path> files = Files.exists(migrations) ? Files.list(migrations) : Stream.empty()) {
			files.filter(f -> f.toString().endsWith(".sql")).forEach(file -> {
				var matcher = created.matcher(COMMENTS.matcher(read(file)).replaceAll(" "));
				while (matcher.find()) {
					if (!ownerByTable.containsKey(matcher.group(1).toLowerCase(Locale.ROOT))) {
						violations.add(file.getFileName() + " creates table " + matcher.group(1) + " that has no owner");
					}
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(violations).as("modules touch only their own tables").isEmpty();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
