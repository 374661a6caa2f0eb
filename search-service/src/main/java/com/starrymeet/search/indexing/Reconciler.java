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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import com.starrymeet.search.index.CelebrityIndex;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs the index against the sources of truth, whatever events were lost, skipped or wrong. It holds two things
 * per celebrity, each reconciled the same way ({@link #plan}) with the service that owns it:
 * <ul>
 * <li>the <b>catalog</b> snapshot (celebrity-service, {@link CatalogSource}): every public celebrity's version
 * against the snapshot version the index holds;</li>
 * <li>the <b>availability</b> (booking-service, {@link AvailabilitySource}): every calendar's version against the
 * availability version the index holds, whether or not the celebrity is searchable.</li>
 * </ul>
 * For each, it
 * <ul>
 * <li>fetches and applies what is <b>missing</b> (not in the index), <b>behind</b> (a lower version) or
 * <b>hidden</b> (the index holds the source's version, but as not public / without availability);</li>
 * <li>refetches what is <b>ahead</b> (a higher version than the source's: the index holds something the source
 * never had, or no longer has) and puts the source's data back, even at a lower version;</li>
 * <li>fetches once more what the index shows but the source does not list (<b>extra</b>): if the source has it
 * meanwhile it is applied, otherwise the celebrity is taken out of search (catalog) or its availability is
 * cleared (availability; search falls back to the snapshot's summary, as for a celebrity without a calendar).</li>
 * </ul>
 * Events that arrive meanwhile win: a repair applies only if the index still holds the version the decision was
 * made on ({@link CelebrityIndex#repairUpsert}, {@link CelebrityIndex#repairAvailability}), otherwise the ordinary
 * newest-version rule decides. The repairs of both parts are searchable together and committed at the end.
 * <p>
 * The catalog part decides whether a run succeeds: without the catalog nothing is changed and the run fails. When
 * only the calendars cannot be read, the catalog part is still done and the report says why the availability part
 * was not ({@link Report#availabilityFailure()}).
 */
public class Reconciler {

	/**
	 * What one reconciliation found and did: the catalog part (flat, as before availability was reconciled) and the
	 * availability part ({@code null} with {@code availabilityFailure} when the calendars could not be read).
	 */
	public record Report(Instant startedAt, long durationMillis, int catalog, int indexedBefore, int upToDate,
			int missing, int behind, int ahead, int hidden, int extra, int fetched, int updated, int removed,
			int indexedAfter, @Nullable AvailabilityReport availability, @Nullable String availabilityFailure) {

		public boolean changed() {
			return updated + removed > 0 || availability != null && availability.changed();
		}

		/** Whether both parts were done (the availability part did not fail). */
		public boolean complete() {
			return availabilityFailure == null;
		}
	}

	/**
	 * The availability part: booking-service's calendars against the availability the index holds.
	 * @param calendars calendars booking-service lists
	 * @param indexedBefore celebrities the index held an availability for before
	 * @param hidden calendars the index holds at the listed version but with its availability cleared
	 * @param extra availabilities the index holds without a calendar listed
	 * @param updated availabilities applied
	 * @param cleared availabilities cleared (no calendar any more)
	 * @param indexedAfter celebrities the index holds an availability for after
	 */
	public record AvailabilityReport(int calendars, int indexedBefore, int upToDate, int missing, int behind,
			int ahead, int hidden, int extra, int fetched, int updated, int cleared, int indexedAfter) {

		public boolean changed() {
			return updated + cleared > 0;
		}
	}

	/** What the index holds of one part for a celebrity: a version, and whether it is shown (searchable / held). */
	record Held(long version, boolean shown) {
	}

	/** The decision: what to fetch (id → the index's version when deciding, 0 when absent) and why. */
	record Plan(Map<UUID, Long> fetch, Map<UUID, Long> remove, int upToDate, int missing, int behind, int ahead,
			int hidden) {

		/** Every id to fetch: the ones to repair, then the extra ones (to remove unless they reappeared). */
		List<UUID> ids() {
			var ids = new ArrayList<UUID>(fetch.keySet());
			ids.addAll(remove.keySet());
			return ids;
		}

		/** Every decision, id → the version the index held when deciding. */
		Map<UUID, Long> decided() {
			var decided = new LinkedHashMap<UUID, Long>(fetch);
			decided.putAll(remove);
			return decided;
		}
	}

	/** What applying one fetched (or no longer found) item did. */
	private enum Outcome {

		NONE, UPDATED, REMOVED
	}

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private final CelebrityIndex index;

	private final CatalogSource catalog;

	private final AvailabilitySource calendars;

	private final Clock clock;

	private volatile @Nullable Report last;

	private volatile @Nullable String lastFailure;

	public Reconciler(CelebrityIndex index, CatalogSource catalog, AvailabilitySource calendars, Clock clock) {
		this.index = index;
		this.catalog = catalog;
		this.calendars = calendars;
		this.clock = clock;
	}

	/**
	 * Reconciles now (one at a time): the catalog part, and the availability part unless the calendars cannot be
	 * read (then the report says why).
	 * @throws CatalogUnavailableException when the catalog cannot be read; nothing was changed then, or only repairs
	 *     that were right anyway
	 */
	public synchronized Report reconcile() {
		var started = clock.instant();
		try {
			var catalogVersions = listed(catalog.versions(), CatalogSource.Version::id, CatalogSource.Version::version);
			@Nullable Map<UUID, Long> calendarVersions = null;
			@Nullable String availabilityFailure = null;
			try {
				calendarVersions = listed(calendars.versions(), AvailabilitySource.Version::celebrityId,
						AvailabilitySource.Version::version);
			}
			catch (AvailabilityUnavailableException ex) {
				availabilityFailure = ex.getMessage();
			}

			var entries = index.entries();
			var catalogPart = prepare(catalogVersions, catalogHeld(entries), CatalogSource.MAX_IDS, catalog::snapshots,
					s -> s.snapshot().celebrityId());
			@Nullable Prepared<AvailabilitySource.Snapshot> availabilityPart = null;
			if (calendarVersions != null) {
				try {
					availabilityPart = prepare(calendarVersions, availabilityHeld(entries), AvailabilitySource.MAX_IDS,
							calendars::snapshots, s -> s.availability().celebrityId());
				}
				catch (AvailabilityUnavailableException ex) {
					availabilityFailure = ex.getMessage();
				}
			}

			var calendarPart = availabilityPart;
			int[] catalogDone = new int[Outcome.values().length];
			int[] availabilityDone = new int[Outcome.values().length];
			index.batch(() -> {
				catalogPart.apply(catalogDone, (found, listed, expected) -> {
					long version = found.version() > 0 ? found.version() : listed;
					if (!index.repairUpsert(found.snapshot(), version, expected)) {
						return Outcome.NONE;
					}
					return found.snapshot().isPublic() ? Outcome.UPDATED : Outcome.REMOVED;
				}, index::repairRemoval);
				if (calendarPart != null) {
					calendarPart.apply(availabilityDone, (found, listed, expected) -> {
						long version = found.version() > 0 ? found.version() : listed;
						return index.repairAvailability(found.availability(), version, expected) ? Outcome.UPDATED
								: Outcome.NONE;
					}, index::clearAvailability);
				}
			});
			index.commit();

			var plan = catalogPart.plan();
			@Nullable AvailabilityReport availability = null;
			if (calendarPart != null) {
				var calendarPlan = calendarPart.plan();
				availability = new AvailabilityReport(calendarPart.listed().size(), availabilityVersions(entries).size(),
						calendarPlan.upToDate(), calendarPlan.missing(), calendarPlan.behind(), calendarPlan.ahead(),
						calendarPlan.hidden(), calendarPlan.remove().size(), calendarPart.fetched().size(),
						availabilityDone[Outcome.UPDATED.ordinal()], availabilityDone[Outcome.REMOVED.ordinal()],
						availabilityVersions(index.entries()).size());
			}
			var report = new Report(started, Duration.between(started, clock.instant()).toMillis(),
					catalogVersions.size(), (int) entries.values().stream().filter(CelebrityIndex.Entry::visible).count(),
					plan.upToDate(), plan.missing(), plan.behind(), plan.ahead(), plan.hidden(), plan.remove().size(),
					catalogPart.fetched().size(), catalogDone[Outcome.UPDATED.ordinal()],
					catalogDone[Outcome.REMOVED.ordinal()], index.visibleCount(), availability, availabilityFailure);
			last = report;
			lastFailure = null;
			if (availabilityFailure != null) {
				log.warn("Search index reconciled with the catalog, but not with the calendars ({}): {}",
						availabilityFailure, report);
			}
			else if (report.changed()) {
				log.info("Search index reconciled with the catalog and the calendars: {}", report);
			}
			else {
				log.debug("Search index reconciled with the catalog and the calendars, nothing to repair: {}", report);
			}
			return report;
		}
		catch (CatalogUnavailableException ex) {
			lastFailure = clock.instant() + ": " + ex.getMessage();
			throw ex;
		}
	}

	/** A source's versions list as id → version (the highest, should an id be listed twice). */
	private static <V> Map<UUID, Long> listed(List<V> versions, Function<V, UUID> id, ToLongFunction<V> version) {
		var listed = new HashMap<UUID, Long>();
		versions.forEach(v -> listed.merge(id.apply(v), version.applyAsLong(v), Math::max));
		return listed;
	}

	/**
	 * Decides ({@link #plan}) and fetches everything the plan names, at most {@code maxIds} per call, by celebrity
	 * id. Nothing is applied yet.
	 */
	private static <S> Prepared<S> prepare(Map<UUID, Long> listed, Map<UUID, Held> held, int maxIds,
			Function<List<UUID>, List<S>> source, Function<S, UUID> idOf) {
		var plan = plan(listed, held);
		var ids = plan.ids();
		var fetched = new HashMap<UUID, S>();
		for (int from = 0; from < ids.size(); from += maxIds) {
			for (var item : source.apply(ids.subList(from, Math.min(ids.size(), from + maxIds)))) {
				fetched.put(idOf.apply(item), item);
			}
		}
		return new Prepared<>(listed, plan, fetched);
	}

	/** Repairs a celebrity from what was fetched: the version listed for it and the one the decision was made on. */
	@FunctionalInterface
	private interface Repair<S> {

		Outcome apply(S fetched, long listedVersion, long expected);
	}

	/** One part, decided and fetched: what the source listed, the plan, what was fetched (by celebrity id). */
	private record Prepared<S>(Map<UUID, Long> listed, Plan plan, Map<UUID, S> fetched) {

		/**
		 * Applies the decisions: what was fetched is repaired (provided the index still holds the version decided
		 * on); what the source no longer has is removed (same proviso). Counts the outcomes into {@code done}.
		 */
		void apply(int[] done, Repair<S> repair, BiPredicate<UUID, Long> remove) {
			plan.decided().forEach((id, expected) -> {
				var found = fetched.get(id);
				var outcome = found != null ? repair.apply(found, listed.getOrDefault(id, 0L), expected)
						: remove.test(id, expected) ? Outcome.REMOVED : Outcome.NONE;
				done[outcome.ordinal()]++;
			});
		}
	}

	/** The catalog part of the index: every document's snapshot version, shown when searchable. */
	static Map<UUID, Held> catalogHeld(Map<UUID, CelebrityIndex.Entry> entries) {
		var held = new HashMap<UUID, Held>();
		entries.forEach((id, entry) -> held.put(id, new Held(entry.version(), entry.visible())));
		return held;
	}

	/**
	 * The availability part of the index: every document that has an availability version (one it holds, or one
	 * that was cleared), shown when it holds the availability.
	 */
	static Map<UUID, Held> availabilityHeld(Map<UUID, CelebrityIndex.Entry> entries) {
		var held = new HashMap<UUID, Held>();
		entries.forEach((id, entry) -> {
			if (entry.availability() || entry.availabilityVersion() > 0) {
				held.put(id, new Held(entry.availabilityVersion(), entry.availability()));
			}
		});
		return held;
	}

	/** Compares a source's versions with what the index holds of that part. */
	static Plan plan(Map<UUID, Long> source, Map<UUID, Held> index) {
		var fetch = new TreeMap<UUID, Long>();
		var remove = new TreeMap<UUID, Long>();
		int upToDate = 0;
		int missing = 0;
		int behind = 0;
		int ahead = 0;
		int hidden = 0;
		for (var entry : source.entrySet()) {
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
			else if (!indexed.shown()) {
				hidden++;
				fetch.put(entry.getKey(), indexed.version());
			}
			else {
				upToDate++;
			}
		}
		index.forEach((id, indexed) -> {
			if (indexed.shown() && !source.containsKey(id)) {
				remove.put(id, indexed.version());
			}
		});
		return new Plan(fetch, remove, upToDate, missing, behind, ahead, hidden);
	}

	/**
	 * The digest of a set of celebrities and their versions: hex SHA-256 of the UTF-8 lines
	 * {@code <uuid>:<version>\n}, sorted by uuid (lower case, as {@link UUID#toString()} writes it). Over the
	 * searchable celebrities, the index's digest equals the catalog's when both hold the same celebrities at the same
	 * versions; over the availabilities, the index's equals booking-service's calendars' the same way.
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
		return searchableVersions(index.entries());
	}

	/** The celebrities the index holds an availability for, with its version. */
	public Map<UUID, Long> indexAvailabilityVersions() {
		return availabilityVersions(index.entries());
	}

	/** Of {@link CelebrityIndex#entries()}: the searchable celebrities with their snapshot versions, by id. */
	public static Map<UUID, Long> searchableVersions(Map<UUID, CelebrityIndex.Entry> entries) {
		var versions = new TreeMap<UUID, Long>();
		entries.forEach((id, entry) -> {
			if (entry.visible()) {
				versions.put(id, entry.version());
			}
		});
		return versions;
	}

	/**
	 * Of {@link CelebrityIndex#entries()}: the celebrities holding an availability (searchable or not) with its
	 * version, by id; what booking-service's {@code /internal/availability/versions} lists when both agree.
	 */
	public static Map<UUID, Long> availabilityVersions(Map<UUID, CelebrityIndex.Entry> entries) {
		var versions = new TreeMap<UUID, Long>();
		entries.forEach((id, entry) -> {
			if (entry.availability()) {
				versions.put(id, entry.availabilityVersion());
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
