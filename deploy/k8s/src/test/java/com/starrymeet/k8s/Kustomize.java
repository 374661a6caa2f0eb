package com.starrymeet.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a kustomize directory with {@code kubectl kustomize} (offline) into plain objects. Without kubectl the
 * render fails with the way to get it: a check that cannot render never passes.
 */
final class Kustomize {

	private Kustomize() {
	}

	static List<Map<String, Object>> render(Path directory) {
		var kubectl = System.getProperty("kubectl", "kubectl");
		Process process;
		try {
			process = new ProcessBuilder(kubectl, "kustomize", directory.toString()).redirectErrorStream(false).start();
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot run '" + kubectl + " kustomize' (" + ex.getMessage() + "): the Kubernetes "
					+ "manifests are checked by rendering them. Install kubectl (Debian/Ubuntu: apt-get install kubectl, "
					+ "1.27+ for kustomize 5) or point -Dkubectl=/path/to/kubectl at one.", ex);
		}
		try {
			var out = new java.io.ByteArrayOutputStream();
			var err = new java.io.ByteArrayOutputStream();
			var errReader = Thread.ofVirtual().start(() -> {
				try {
					process.getErrorStream().transferTo(err);
				}
				catch (IOException ignored) {
					// the exit code tells
				}
			});
			process.getInputStream().transferTo(out);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("kubectl kustomize " + directory + " took more than 60 s");
			}
			errReader.join();
			if (process.exitValue() != 0) {
				throw new AssertionError("kubectl kustomize " + directory + " failed (exit " + process.exitValue() + "):\n"
						+ err.toString(StandardCharsets.UTF_8));
			}
			return parse(out.toString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new AssertionError("kubectl kustomize " + directory + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> parse(String yaml) {
		var objects = new ArrayList<Map<String, Object>>();
		for (var document : new Yaml(new LoaderOptions()).loadAll(yaml)) {
			if (document instanceof Map<?, ?> map) {
				objects.add((Map<String, Object>) map);
			}
		}
		return objects;
	}
}
