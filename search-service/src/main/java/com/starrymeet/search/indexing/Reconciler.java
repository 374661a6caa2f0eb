package com.starrymeet.search.indexing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.starrymeet.search.index.CelebrityIndex;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs the index against the catalog's source of truth (celebrity-service's database), whatever events were
 * lost, skipped or wrong: it compares the version of every public celebrity in the catalog with the version the
 * index holds and
 * <ul>
 * <li>indexes what is <b>missing</b> (not in the index), <b>behind</b> (a lower version) or <b>hidden</b> (a
 * tombstone at the catalog's version: the index thinks it is not public);</li>
 * <li>refetches what is <b>ahead</b> (a higher version than the catalog's: the index holds something the catalog
 * never had, or no longer has) and puts the catalog's snapshot back, even at a lower version;</li>
 * <li>takes out of search what the index shows but the catalog does not list (<b>extra</b>), after fetching it
 * once more: if it became public meanwhile it is indexed instead.</li>
 * </ul>
 * Events that arrive meanwhile win: a repair applies only if the index still holds the version the decision was
 * made on ({@link CelebrityIndex#repairUpsert}), otherwise the ordinary newest-version rule decides. The repairs are
 * searchable together and committed at the end.
 */
public class Reconciler {

	/** What one reconciliation found and did. */
	public record Report(Instant startedAt, long durationMillis, int catalog, int indexedBefore, int upToDate,
			int missing, int behind, int ahead, int hidden, int extra, int fetched, int updated, int removed,
			int indexedAfter) {

		public boolean changed() {
			return updated + removed > 0;
		}
	}

	/** The decision: what to fetch (id → the index's version when deciding, 0 when absent) and why. */
	record Plan(Map<UUID, Long> fetch, Map<UUID, Long> remove, int upToDate, int missing, int behind, int ahead,
			int hidden) {
	}

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private final CelebrityIndex index;

	private final CatalogSource catalog;

	private final Clock clock;

	private volatile @Nullable Report last;

	private volatile @Nullable String lastFailure;

	public Reconciler(CelebrityIndex index, CatalogSource catalog, Clock clock) {
		this.index = index;
		this.catalog = catalog;
		this.clock = clock;
	}

	/**
	 * Reconciles now (one at a time).
	 * @throws CatalogUnavailableException when the catalog cannot be read; nothing was changed then, or only repairs
	 *     that were right anyway
	 */
	public synchronized Report reconcile() {
		var started = clock.instant();
		try {
			var versions = new HashMap<UUID, Long>();
			catalog.versions().forEach(v -> versions.merge(v.id(), v.version(), Math::max));
			var entries = index.entries();
			int indexedBefore = (int) entries.values().stream().filter(CelebrityIndex.Entry::visible).count();
			var plan = plan(versions, entries);

			var ids = new ArrayList<UUID>(plan.fetch().keySet());
			ids.addAll(plan.remove().keySet());
			var fetched = new HashMap<UUID, CatalogSource.Snapshot>();
			for (int from = 0; from < ids.size(); from += CatalogSource.MAX_IDS) {
				for (var snapshot : catalog.snapshots(ids.subList(from, Math.min(ids.size(), from + CatalogSource.MAX_IDS)))) {
					fetched.put(snapshot.snapshot().celebrityId(), snapshot);
				}
			}
			int[] updated = { 0 };
			int[] removed = { 0 };
			index.batch(() -> {
				var decided = new LinkedHashMap<UUID, Long>(plan.fetch());
				decided.putAll(plan.remove());
				decided.forEach((id, expected) -> {
					var found = fetched.get(id);
					if (found == null) {
						if (index.repairRemoval(id, expected)) {
							removed[0]++;
						}
						return;
					}
					long version = found.version() > 0 ? found.version() : versions.getOrDefault(id, 0L);
					if (index.repairUpsert(found.snapshot(), version, expected)) {
						if (found.snapshot().isPublic()) {
							updated[0]++;
						}
						else {
							removed[0]++;
						}
					}
				});
			});
			index.commit();
			var report = new Report(started, Duration.between(started, clock.instant()).toMillis(), versions.size(),
					indexedBefore, plan.upToDate(), plan.missing(), plan.behind(), plan.ahead(), plan.hidden(),
					plan.remove().size(), fetched.size(), updated[0], removed[0], index.visibleCount());
			last = report;
			lastFailure = null;
			if (report.changed()) {
				log.info("Search index reconciled with the catalog: {}", report);
			}
			else {
				log.debug("Search index reconciled with the catalog, nothing to repair: {}", report);
			}
			return report;
		}
		catch (CatalogUnavailableException ex) {
			lastFailure = clock.instant() + ": " + ex.getMessage();
			throw ex;
		}
	}

	/** Compares the catalog's versions with the index's entries. */
	static Plan plan(Map<UUID, Long> catalog, Map<UUID, CelebrityIndex.Entry> index) {
		var fetch = new TreeMap<UUID, Long>();
		var remove = new TreeMap<UUID, Long>();
		int upToDate = 0;
		int missing = 0;
		int behind = 0;
		int ahead = 0;
		int hidden = 0;
		for (var entry : catalog.entrySet()) {
			var indexed = index.get(entry.getKey());
			long version = entry.getValue();
			if (indexed == null) {
				missing++;
				fetch.put(entry.getKey(), 0L);
			}
			else if (indexed.version() < version) {
				behind++;
				fetch.put(entry.getKey(), indexed.version());
			}
			else if (indexed.version() > version) {
				ahead++;
				fetch.put(entry.getKey(), indexed.version());
			}
			else if (!indexed.visible()) {
				hidden++;
				fetch.put(entry.getKey(), indexed.version());
			}
			else {
				upToDate++;
			}
		}
		index.forEach((id, indexed) -> {
			if (indexed.visible() && !catalog.containsKey(id)) {
				remove.put(id, indexed.version());
			}
		});
		return new Plan(fetch, remove, upToDate, missing, behind, ahead, hidden);
	}

	/**
	 * The digest of a set of public celebrities and their versions: hex SHA-256 of the UTF-8 lines
	 * {@code <uuid>:<version>\n}, sorted by uuid (lower case, as {@link UUID#toString()} writes it). The index's
	 * digest equals the catalog's when both hold the same celebrities at the same versions.
	 */
	public static String digest(Map<UUID, Long> versions) {
		var sorted = new TreeMap<String, Long>();
		versions.forEach((id, version) -> sorted.put(id.toString(), version));
		try {
			var sha = MessageDigest.getInstance("SHA-256");
			sorted.forEach((id, version) -> sha.update((id + ":" + version + "\n").getBytes(StandardCharsets.UTF_8)));
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The searchable celebrities of the index with their versions. */
	public Map<UUID, Long> indexVersions() {
		var versions = new TreeMap<UUID, Long>();
		index.entries().forEach((id, entry) -> {
			if (entry.visible()) {
				versions.put(id, entry.version());
			}
		});
		return versions;
	}

	public @Nullable Report last() {
		return last;
	}

	public @Nullable String lastFailure() {
		return lastFailure;
	}
}
