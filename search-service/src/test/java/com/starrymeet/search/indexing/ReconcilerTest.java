package com.starrymeet.search.indexing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.catalog.CatalogFilter;
import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.search.index.CelebrityIndex;
import com.starrymeet.search.query.CelebritySearch;
import com.starrymeet.search.query.CelebritySummary;
import com.starrymeet.search.testdata.CelebrityBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.starrymeet.search.testdata.CelebrityBuilder.celebrity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reconciler's decisions against a hand-written catalog and hand-written calendars (no HTTP): a real index in a
 * temporary directory, the sources held in memory, and the index must end equal to them (searchable celebrities to
 * the catalog, availabilities to the calendars) whatever it missed or got wrong.
 */
class ReconcilerTest {

	@TempDir
	Path directory;

	CelebrityIndex index;

	Catalog catalog;

	Calendars calendars;

	Reconciler reconciler;

	CelebritySearch search;

	@BeforeEach
	void open() {
		index = new CelebrityIndex(directory);
		catalog = new Catalog();
		calendars = new Calendars();
		reconciler = new Reconciler(index, catalog, calendars, Clock.systemUTC());
		search = new CelebritySearch(index);
	}

	@AfterEach
	void close() throws Exception {
		index.close();
	}

	@Test
	void theIndexEndsEqualToTheCatalog() {
		var upToDate = catalog.put(celebrity("Up To Date"), 3);
		index.applyUpsert(upToDate.snapshot(), 3);
		var missing = catalog.put(celebrity("Missing Mo"), 2); // its events never arrived
		var behind = catalog.put(celebrity("Behind Ben"), 5);
		index.applyUpsert(catalog.at(behind, celebrity("Old Ben").id(behind.snapshot().celebrityId())), 4);
		var ahead = catalog.put(celebrity("Ahead Ada"), 4);
		index.applyUpsert(catalog.at(ahead, celebrity("Bogus Ada").id(ahead.snapshot().celebrityId())), 9);
		var hidden = catalog.put(celebrity("Hidden Hal"), 6);
		index.applyUpsert(catalog.at(hidden, celebrity("Hidden Hal").id(hidden.snapshot().celebrityId()).verified(false)), 6);
		var extra = celebrity("Extra Eve"); // removed from the catalog, the removal event lost
		index.applyUpsert(extra.build(), 7);
		var tombstone = celebrity("Gone Gus"); // not public in the index and not in the catalog: left alone
		index.applyUpsert(tombstone.active(false).build(), 2);

		var report = reconciler.reconcile();

		assertThat(report.catalog()).isEqualTo(5);
		assertThat(report.indexedBefore()).isEqualTo(4);
		assertThat(report.upToDate()).isEqualTo(1);
		assertThat(report.missing()).isEqualTo(1);
		assertThat(report.behind()).isEqualTo(1);
		assertThat(report.ahead()).isEqualTo(1);
		assertThat(report.hidden()).isEqualTo(1);
		assertThat(report.extra()).isEqualTo(1);
		assertThat(report.fetched()).isEqualTo(4); // the extra one is not in the catalog any more
		assertThat(report.updated()).isEqualTo(4);
		assertThat(report.removed()).isEqualTo(1);
		assertThat(report.indexedAfter()).isEqualTo(5);
		assertThat(catalog.fetches).containsExactly(5); // one call for all five ids

		assertThat(reconciler.indexVersions()).isEqualTo(catalog.versionMap());
		assertThat(Reconciler.digest(reconciler.indexVersions())).isEqualTo(Reconciler.digest(catalog.versionMap()));
		assertThat(index.entries().get(missing.snapshot().celebrityId())).isEqualTo(catalogEntry(2, true));
		assertThat(index.entries().get(ahead.snapshot().celebrityId())).isEqualTo(catalogEntry(4, true));
		assertThat(index.entries().get(extra.id())).isEqualTo(catalogEntry(7, false));
		assertThat(index.entries().get(tombstone.id())).isEqualTo(catalogEntry(2, false));

		var again = reconciler.reconcile();
		assertThat(again.changed()).as("a second run has nothing to do").isFalse();
		assertThat(again.upToDate()).isEqualTo(5);
		assertThat(catalog.fetches).as("and fetches nothing").hasSize(1);
	}

	@Test
	void anExtraCelebrityThatBecamePublicMeanwhileIsKept() {
		var late = celebrity("Late Lou");
		index.applyUpsert(late.build(), 3);
		// not in the version list yet, but its snapshot is there when fetched
		catalog.snapshotsOnly.put(late.id(), new CatalogSource.Snapshot(late.build(), 3));

		var report = reconciler.reconcile();

		assertThat(report.extra()).isEqualTo(1);
		assertThat(report.removed()).isZero();
		assertThat(index.entries().get(late.id())).isEqualTo(catalogEntry(3, true));
	}

	@Test
	void aSnapshotThatIsNoLongerPublicTakesItOutOfSearch() {
		var star = celebrity("Fading Fay");
		var entry = catalog.put(star, 4);
		index.applyUpsert(star.build(), 3);
		// listed at version 4, but deactivated (version 5) before its snapshot was fetched
		catalog.snapshotsOnly.put(star.id(), new CatalogSource.Snapshot(star.active(false).build(), 5));

		var report = reconciler.reconcile();

		assertThat(report.behind()).isEqualTo(1);
		assertThat(report.removed()).isEqualTo(1);
		assertThat(index.entries().get(entry.snapshot().celebrityId())).isEqualTo(catalogEntry(5, false));
	}

	@Test
	void snapshotsAreFetchedAHundredAtATime() {
		for (int i = 0; i < 250; i++) {
			catalog.put(celebrity("Many " + i), 1);
		}
		var report = reconciler.reconcile();
		assertThat(report.missing()).isEqualTo(250);
		assertThat(report.indexedAfter()).isEqualTo(250);
		assertThat(catalog.fetches).containsExactly(100, 100, 50);
	}

	@Test
	void anUnavailableCatalogChangesNothingAndIsReported() {
		var star = celebrity("Safe Sam");
		index.applyUpsert(star.build(), 2);
		calendars.put(star.id(), availability(star.id(), "Lima"), 3); // missing in the index, but not repaired either
		catalog.down = true;

		assertThatThrownBy(reconciler::reconcile).isInstanceOf(CatalogUnavailableException.class);
		assertThat(reconciler.lastFailure()).contains("down");
		assertThat(reconciler.last()).isNull();
		assertThat(index.entries().get(star.id())).isEqualTo(catalogEntry(2, true));
		assertThat(calendars.fetches).as("a run without the catalog stops before the calendars' snapshots").isEmpty();
	}

	// ---- availability: booking-service's calendars against the availability the index holds

	@Test
	void theAvailabilityEndsEqualToTheCalendars() {
		var upToDate = publicCelebrity("Up To Date", 1);
		calendars.put(upToDate, availability(upToDate, "Oslo"), 3);
		index.applyAvailability(availability(upToDate, "Oslo"), 3);
		var missing = publicCelebrity("Missing Mia", 1); // its AvailabilityChanged never arrived
		calendars.put(missing, availability(missing, "Lima"), 2);
		var behind = publicCelebrity("Behind Bo", 1);
		calendars.put(behind, availability(behind, "Quito"), 5);
		index.applyAvailability(availability(behind, "Bergen"), 4);
		var ahead = publicCelebrity("Ahead Abe", 1);
		calendars.put(ahead, availability(ahead, "Cusco"), 4);
		index.applyAvailability(availability(ahead, "Atlantis"), 9); // booking-service never had version 9
		var hidden = publicCelebrity("Hidden Hana", 1);
		calendars.put(hidden, availability(hidden, "Accra"), 6);
		index.applyAvailability(availability(hidden, "Accra"), 6);
		index.clearAvailability(hidden, 6); // cleared (no calendar then), listed again at the same version
		var extra = celebrity("Extra Ezra").in("Paris", "France"); // its calendar is gone from booking-service
		catalog.put(extra, 1);
		index.applyUpsert(extra.build(), 1);
		index.applyAvailability(availability(extra.id(), "Nowhere"), 7);
		var unlisted = UUID.randomUUID(); // not in the catalog at all: its availability is reconciled all the same
		calendars.put(unlisted, availability(unlisted, "Hanoi"), 2);
		var hiddenStar = celebrity("Unverified Uma"); // not public: the index keeps its availability for later
		index.applyUpsert(hiddenStar.verified(false).build(), 1);
		calendars.put(hiddenStar.id(), availability(hiddenStar.id(), "Tunis"), 8);

		var report = reconciler.reconcile();

		assertThat(report.complete()).isTrue();
		assertThat(report.upToDate()).as("the catalog part is counted on its own").isEqualTo(6);
		assertThat(report.updated()).isZero();
		var counts = report.availability();
		assertThat(counts).isNotNull();
		assertThat(counts.calendars()).isEqualTo(7);
		assertThat(counts.indexedBefore()).isEqualTo(4); // up to date, behind, ahead, extra
		assertThat(counts.upToDate()).isEqualTo(1);
		assertThat(counts.missing()).isEqualTo(3); // missing, unlisted, hiddenStar
		assertThat(counts.behind()).isEqualTo(1);
		assertThat(counts.ahead()).isEqualTo(1);
		assertThat(counts.hidden()).isEqualTo(1);
		assertThat(counts.extra()).isEqualTo(1);
		assertThat(counts.fetched()).isEqualTo(6); // the extra one has no calendar any more
		assertThat(counts.updated()).isEqualTo(6);
		assertThat(counts.cleared()).isEqualTo(1);
		assertThat(counts.indexedAfter()).isEqualTo(7);
		assertThat(calendars.fetches).containsExactly(7); // one call for all seven ids
		assertThat(report.changed()).isTrue();

		assertThat(reconciler.indexAvailabilityVersions()).isEqualTo(calendars.versionMap());
		assertThat(Reconciler.digest(reconciler.indexAvailabilityVersions()))
			.isEqualTo(Reconciler.digest(calendars.versionMap()));
		assertThat(index.entries().get(ahead)).as("back to booking-service's lower version")
			.isEqualTo(new CelebrityIndex.Entry(1, true, 4, true));
		assertThat(index.entries().get(extra.id())).as("cleared, its version kept")
			.isEqualTo(new CelebrityIndex.Entry(1, true, 7, false));
		assertThat(index.entries().get(unlisted)).isEqualTo(new CelebrityIndex.Entry(0, false, 2, true));
		assertThat(index.entries().get(hiddenStar.id())).isEqualTo(new CelebrityIndex.Entry(1, false, 8, true));
		// what search shows follows: the calendars' places, the snapshot's summary where the calendar is gone
		assertThat(cities(ahead)).containsExactly("Cusco");
		assertThat(cities(behind)).containsExactly("Quito");
		assertThat(cities(missing)).containsExactly("Lima");
		assertThat(cities(hidden)).containsExactly("Accra");
		assertThat(cities(extra.id())).containsExactly("Paris");
		assertThat(namesIn("Atlantis")).isEmpty();

		var again = reconciler.reconcile();
		assertThat(again.changed()).as("a second run has nothing to do").isFalse();
		assertThat(again.availability().upToDate()).isEqualTo(7);
		assertThat(again.availability().extra()).as("a cleared availability is not extra").isZero();
		assertThat(calendars.fetches).as("and fetches nothing").hasSize(1);
	}

	@Test
	void anExtraAvailabilityWhoseCalendarAppearedMeanwhileIsKept() {
		var star = publicCelebrity("Late Leo", 1);
		index.applyAvailability(availability(star, "Old Town"), 2);
		// not in the version list yet, but its snapshot is there when fetched
		calendars.snapshotsOnly.put(star, new AvailabilitySource.Snapshot(availability(star, "New Town"), 3));

		var report = reconciler.reconcile();

		assertThat(report.availability().extra()).isEqualTo(1);
		assertThat(report.availability().cleared()).isZero();
		assertThat(report.availability().updated()).isEqualTo(1);
		assertThat(index.entries().get(star)).isEqualTo(new CelebrityIndex.Entry(1, true, 3, true));
		assertThat(cities(star)).containsExactly("New Town");
	}

	@Test
	void anAvailabilityEventRacingTheRunWins() {
		var behind = publicCelebrity("Racing Rae", 1);
		calendars.put(behind, availability(behind, "Listed"), 5);
		index.applyAvailability(availability(behind, "Old"), 4);
		var ahead = publicCelebrity("Racing Rob", 1);
		calendars.put(ahead, availability(ahead, "Listed"), 4);
		index.applyAvailability(availability(ahead, "Bogus"), 9);
		var extra = publicCelebrity("Racing Ria", 1);
		index.applyAvailability(availability(extra, "Unlisted"), 7);
		// while the snapshots are read, Kafka delivers newer events for all three
		calendars.whileFetching = () -> {
			index.applyAvailability(availability(behind, "Event"), 6);
			index.applyAvailability(availability(ahead, "Event"), 10);
			index.applyAvailability(availability(extra, "Event"), 8);
		};

		var report = reconciler.reconcile();

		assertThat(report.availability().behind()).isEqualTo(1);
		assertThat(report.availability().ahead()).isEqualTo(1);
		assertThat(report.availability().extra()).isEqualTo(1);
		assertThat(report.availability().updated()).as("the decisions were made on versions no longer held").isZero();
		assertThat(report.availability().cleared()).isZero();
		assertThat(index.entries().get(behind).availabilityVersion()).isEqualTo(6);
		assertThat(index.entries().get(ahead).availabilityVersion()).isEqualTo(10);
		assertThat(index.entries().get(extra)).isEqualTo(new CelebrityIndex.Entry(1, true, 8, true));
		assertThat(cities(behind)).containsExactly("Event");
		assertThat(cities(ahead)).containsExactly("Event");
		assertThat(cities(extra)).containsExactly("Event");
	}

	@Test
	void availabilitySnapshotsAreFetchedAHundredAtATime() {
		for (int i = 0; i < 250; i++) {
			var id = UUID.randomUUID();
			calendars.put(id, availability(id, "City " + i), 1);
		}
		var report = reconciler.reconcile();
		assertThat(report.availability().missing()).isEqualTo(250);
		assertThat(report.availability().indexedAfter()).isEqualTo(250);
		assertThat(calendars.fetches).containsExactly(100, 100, 50);
	}

	@Test
	void withoutTheCalendarsTheCatalogPartIsStillDone() {
		var star = celebrity("Catalog Only");
		catalog.put(star, 2);
		index.applyUpsert(star.build(), 1); // behind
		index.applyAvailability(availability(star.id(), "Kept"), 4); // extra, but booking-service cannot be asked
		calendars.down = true;

		var report = reconciler.reconcile();

		assertThat(report.behind()).isEqualTo(1);
		assertThat(report.updated()).isEqualTo(1);
		assertThat(report.availability()).isNull();
		assertThat(report.availabilityFailure()).contains("booking-service is down");
		assertThat(report.complete()).isFalse();
		assertThat(reconciler.last()).isEqualTo(report);
		assertThat(reconciler.lastFailure()).as("the catalog part did not fail").isNull();
		assertThat(index.entries().get(star.id())).isEqualTo(new CelebrityIndex.Entry(2, true, 4, true));

		// the versions answered, the snapshots did not: no availability change either
		calendars.down = false;
		calendars.snapshotsDown = true;
		var unlisted = UUID.randomUUID();
		calendars.put(unlisted, availability(unlisted, "Lima"), 1);
		var partly = reconciler.reconcile();
		assertThat(partly.availability()).isNull();
		assertThat(partly.availabilityFailure()).contains("booking-service is down");
		assertThat(reconciler.indexAvailabilityVersions()).containsExactly(Map.entry(star.id(), 4L));

		calendars.snapshotsDown = false;
		var recovered = reconciler.reconcile();
		assertThat(recovered.complete()).isTrue();
		assertThat(recovered.availability().cleared()).isEqualTo(1);
		assertThat(recovered.availability().updated()).isEqualTo(1);
		assertThat(reconciler.indexAvailabilityVersions()).isEqualTo(calendars.versionMap());
	}

	@Test
	void theDigestIsOfSortedIdsAndVersions() {
		var a = UUID.fromString("00000000-0000-0000-0000-00000000000a");
		var b = UUID.fromString("00000000-0000-0000-0000-00000000000b");
		var forward = new LinkedHashMap<UUID, Long>();
		forward.put(a, 1L);
		forward.put(b, 2L);
		var backward = new LinkedHashMap<UUID, Long>();
		backward.put(b, 2L);
		backward.put(a, 1L);
		assertThat(Reconciler.digest(forward)).isEqualTo(Reconciler.digest(backward))
			// sha256 of "00000000-0000-0000-0000-00000000000a:1\n00000000-0000-0000-0000-00000000000b:2\n"
			.isEqualTo(sha256(a + ":1\n" + b + ":2\n"))
			.isNotEqualTo(Reconciler.digest(Map.of(a, 1L, b, 3L)));
	}

	/** A public celebrity in the catalog and in the index at {@code version}; its id. */
	private UUID publicCelebrity(String name, long version) {
		var star = celebrity(name);
		catalog.put(star, version);
		index.applyUpsert(star.build(), version);
		return star.id();
	}

	private static AvailabilityChanged availability(UUID celebrityId, String city) {
		return CelebrityBuilder.availability(celebrityId, city, "Somewhere", LocalDate.of(2031, 1, 1));
	}

	/** The cities search shows for a searchable celebrity. */
	private List<String> cities(UUID id) {
		return search.search(CatalogFilter.NONE, false)
			.celebrities()
			.stream()
			.filter(c -> c.id().equals(id))
			.findFirst()
			.orElseThrow()
			.cities();
	}

	private List<String> namesIn(String city) {
		return search.search(CatalogFilter.of(Map.of("city", city)), false)
			.celebrities()
			.stream()
			.map(CelebritySummary::displayName)
			.toList();
	}

	private static CelebrityIndex.Entry catalogEntry(long version, boolean visible) {
		return new CelebrityIndex.Entry(version, visible, 0, false);
	}

	static String sha256(String text) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The catalog as celebrity-service's database would answer: public celebrities and their snapshots. */
	static final class Catalog implements CatalogSource {

		final Map<UUID, Snapshot> published = new LinkedHashMap<>();

		/** Snapshots fetchable but not (yet) in the version list: a change racing the reconciliation. */
		final Map<UUID, Snapshot> snapshotsOnly = new HashMap<>();

		final List<Integer> fetches = new ArrayList<>();

		boolean down;

		Snapshot put(CelebrityBuilder builder, long version) {
			var snapshot = new Snapshot(builder.build(), version);
			published.put(snapshot.snapshot().celebrityId(), snapshot);
			return snapshot;
		}

		/** Another snapshot of the same celebrity (what the index got wrong). */
		CelebrityUpserted at(Snapshot of, CelebrityBuilder other) {
			return other.build();
		}

		Map<UUID, Long> versionMap() {
			var map = new HashMap<UUID, Long>();
			published.forEach((id, s) -> map.put(id, s.version()));
			return map;
		}

		@Override
		public List<Version> versions() {
			if (down) {
				throw new CatalogUnavailableException("celebrity-service is down", new java.net.ConnectException());
			}
			return published.values().stream().map(s -> new Version(s.snapshot().celebrityId(), s.version())).toList();
		}

		@Override
		public List<Snapshot> snapshots(List<UUID> ids) {
			assertThat(ids.size()).isLessThanOrEqualTo(MAX_IDS);
			fetches.add(ids.size());
			var found = new ArrayList<Snapshot>();
			for (var id : ids) {
				var snapshot = snapshotsOnly.containsKey(id) ? snapshotsOnly.get(id) : published.get(id);
				if (snapshot != null) {
					found.add(snapshot);
				}
			}
			return found;
		}
	}

	/** The calendars as booking-service's database would answer: every calendar and its AvailabilityChanged. */
	static final class Calendars implements AvailabilitySource {

		final Map<UUID, Snapshot> calendars = new LinkedHashMap<>();

		/** Snapshots fetchable but not (yet) in the version list: a change racing the reconciliation. */
		final Map<UUID, Snapshot> snapshotsOnly = new HashMap<>();

		final List<Integer> fetches = new ArrayList<>();

		/** Runs during a snapshots call: Kafka events applied while the reconciliation reads. */
		Runnable whileFetching = () -> {
		};

		boolean down;

		boolean snapshotsDown;

		void put(UUID celebrityId, AvailabilityChanged availability, long version) {
			calendars.put(celebrityId, new Snapshot(availability, version));
		}

		Map<UUID, Long> versionMap() {
			var map = new HashMap<UUID, Long>();
			calendars.forEach((id, s) -> map.put(id, s.version()));
			return map;
		}

		@Override
		public List<Version> versions() {
			if (down) {
				throw new AvailabilityUnavailableException("booking-service is down", new java.net.ConnectException());
			}
			return calendars.entrySet().stream().map(e -> new Version(e.getKey(), e.getValue().version())).toList();
		}

		@Override
		public List<Snapshot> snapshots(List<UUID> ids) {
			if (down || snapshotsDown) {
				throw new AvailabilityUnavailableException("booking-service is down", new java.net.ConnectException());
			}
			assertThat(ids.size()).isLessThanOrEqualTo(MAX_IDS);
			fetches.add(ids.size());
			whileFetching.run();
			var found = new ArrayList<Snapshot>();
			for (var id : ids) {
				var snapshot = snapshotsOnly.containsKey(id) ? snapshotsOnly.get(id) : calendars.get(id);
				if (snapshot != null) {
					found.add(snapshot);
				}
			}
			return found;
		}
	}
}
