package com.starrymeet.search.indexing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.search.index.CelebrityIndex;
import com.starrymeet.search.testdata.CelebrityBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.starrymeet.search.testdata.CelebrityBuilder.celebrity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reconciler's decisions against a hand-written catalog (no HTTP): a real index in a temporary directory, a
 * catalog held in memory, and the index must end equal to the catalog whatever it missed or got wrong.
 */
class ReconcilerTest {

	@TempDir
	Path directory;

	CelebrityIndex index;

	Catalog catalog;

	Reconciler reconciler;

	@BeforeEach
	void open() {
		index = new CelebrityIndex(directory);
		catalog = new Catalog();
		reconciler = new Reconciler(index, catalog, Clock.systemUTC());
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
		assertThat(index.entries().get(missing.snapshot().celebrityId())).isEqualTo(new CelebrityIndex.Entry(2, true));
		assertThat(index.entries().get(ahead.snapshot().celebrityId())).isEqualTo(new CelebrityIndex.Entry(4, true));
		assertThat(index.entries().get(extra.id())).isEqualTo(new CelebrityIndex.Entry(7, false));
		assertThat(index.entries().get(tombstone.id())).isEqualTo(new CelebrityIndex.Entry(2, false));

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
		assertThat(index.entries().get(late.id())).isEqualTo(new CelebrityIndex.Entry(3, true));
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
		assertThat(index.entries().get(entry.snapshot().celebrityId())).isEqualTo(new CelebrityIndex.Entry(5, false));
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
		catalog.down = true;

		assertThatThrownBy(reconciler::reconcile).isInstanceOf(CatalogUnavailableException.class);
		assertThat(reconciler.lastFailure()).contains("down");
		assertThat(reconciler.last()).isNull();
		assertThat(index.entries().get(star.id())).isEqualTo(new CelebrityIndex.Entry(2, true));
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
}
