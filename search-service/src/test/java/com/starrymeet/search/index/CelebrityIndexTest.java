package com.starrymeet.search.index;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.starrymeet.common.catalog.CatalogFilter;
import com.starrymeet.search.query.CelebritySearch;
import com.starrymeet.search.query.CelebritySummary;
import com.starrymeet.search.testdata.CelebrityBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.starrymeet.search.testdata.CelebrityBuilder.celebrity;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How events change the index: versions (reordering), visibility, removal, availability, and persistence
 * across a restart. A real index in a temporary directory, no Spring.
 */
class CelebrityIndexTest {

	@TempDir
	Path directory;

	CelebrityIndex index;

	CelebritySearch search;

	@BeforeEach
	void open() {
		index = new CelebrityIndex(directory);
		search = new CelebritySearch(index);
	}

	@AfterEach
	void close() throws Exception {
		index.close();
	}

	@Test
	void anOlderSnapshotAfterANewerOneIsIgnored() {
		var star = celebrity("New Name").price(10_000);
		assertThat(index.applyUpsert(star.build(), 2)).isTrue();
		assertThat(index.applyUpsert(star.name("Old Name").build(), 1)).isFalse();
		assertThat(index.applyUpsert(star.name("Same Version").build(), 2)).isFalse();
		assertThat(names("name")).containsExactly("New Name");
		assertThat(index.snapshotVersion(star.id())).isEqualTo(2);
	}

	@Test
	void aCelebrityThatStopsBeingPublicLeavesSearchAndComesBack() {
		var star = celebrity("Greta Public");
		index.applyUpsert(star.build(), 1);
		assertThat(names("greta")).containsExactly("Greta Public");

		index.applyUpsert(star.active(false).build(), 2);
		assertThat(names("greta")).isEmpty();
		assertThat(index.applyUpsert(star.active(true).build(), 1)).as("older public snapshot").isFalse();
		assertThat(names("greta")).isEmpty();

		index.applyUpsert(star.active(true).verified(false).build(), 3);
		assertThat(names("greta")).isEmpty();
		index.applyUpsert(star.verified(true).build(), 4);
		assertThat(names("greta")).containsExactly("Greta Public");
	}

	@Test
	void removalDropsTheCelebrityAndOlderSnapshotsStayIgnored() {
		var star = celebrity("Rita Removed");
		index.applyUpsert(star.build(), 3);
		assertThat(index.applyRemoval(star.id(), 4)).isTrue();
		assertThat(names("rita")).isEmpty();
		assertThat(search.suggest("rit")).isEmpty();
		assertThat(index.applyUpsert(star.build(), 3)).isFalse();
		assertThat(index.applyRemoval(star.id(), 4)).as("repeated removal").isFalse();
		assertThat(names("rita")).isEmpty();
	}

	@Test
	void availabilityReplacesTheSnapshotsPlacesAndKeepsItsOwnVersion() {
		var star = celebrity("Ava Traveller").in("Oslo", "Norway");
		index.applyUpsert(star.build(), 1);
		assertThat(cities()).containsExactly("Oslo");

		index.applyAvailability(CelebrityBuilder.availability(star.id(), "Rome", "Italy", LocalDate.of(2030, 5, 1)), 5);
		assertThat(cities()).containsExactly("Rome");
		assertThat(index.applyAvailability(
				CelebrityBuilder.availability(star.id(), "Oslo", "Norway", LocalDate.of(2030, 5, 2)), 4)).isFalse();
		// a newer snapshot keeps the applied availability
		index.applyUpsert(star.name("Ava Globetrotter").build(), 2);
		assertThat(cities()).containsExactly("Rome");
		assertThat(names("globetrotter")).containsExactly("Ava Globetrotter");
	}

	@Test
	void availabilityBeforeTheFirstSnapshotIsKept() {
		var star = celebrity("Early Bird");
		index.applyAvailability(CelebrityBuilder.availability(star.id(), "Lima", "Peru", LocalDate.of(2030, 1, 1)), 1);
		assertThat(names("early")).isEmpty();
		index.applyUpsert(star.build(), 1);
		assertThat(cities()).containsExactly("Lima");
	}

	@Test
	void theIndexSurvivesARestart() throws Exception {
		var star = celebrity("Persistent Pat");
		index.applyUpsert(star.build(), 7);
		assertThat(index.wasCreatedEmpty()).isTrue();
		index.close();

		index = new CelebrityIndex(directory);
		search = new CelebritySearch(index);
		assertThat(index.wasCreatedEmpty()).isFalse();
		assertThat(names("pat")).containsExactly("Persistent Pat");
		assertThat(index.applyUpsert(star.name("Replayed").build(), 7)).as("replayed event").isFalse();
	}

	// ---- batches, durability and positions (issue 8)

	@Test
	void aBatchBecomesSearchableAtItsEndAndComparesVersionsWithinIt() {
		var star = celebrity("Batched Bea");
		index.batch(() -> {
			assertThat(index.applyUpsert(star.build(), 1)).isTrue();
			assertThat(names("bea")).as("not searchable inside the batch").isEmpty();
			assertThat(index.applyUpsert(star.name("Batched Bea Two").build(), 2)).isTrue();
			assertThat(index.applyUpsert(star.name("Stale Bea").build(), 1)).as("older than the batch's own change").isFalse();
			assertThat(index.applyUpsert(star.name("Batched Bea Two").build(), 2)).as("duplicate in the batch").isFalse();
		});
		assertThat(names("bea")).containsExactly("Batched Bea Two");
	}

	@Test
	void aCrashKeepsTheLastCommitTogetherWithItsPositions() throws Exception {
		var committed = celebrity("Committed Cleo");
		var lost = celebrity("Uncommitted Uma");
		index.applyUpsert(committed.build(), 1);
		index.advance("starrymeet.celebrity.v1", 0, 11);
		assertThat(index.commit()).isTrue();
		assertThat(index.commit()).as("nothing new").isFalse();

		index.applyUpsert(lost.build(), 1);
		index.advance("starrymeet.celebrity.v1", 0, 12);
		index.advance("starrymeet.availability.v1", 2, 5);
		assertThat(names("uma")).as("searchable before the commit").hasSize(1);
		index.crash();

		index = new CelebrityIndex(directory);
		search = new CelebritySearch(index);
		assertThat(index.wasCreatedEmpty()).isFalse();
		assertThat(names("cleo")).containsExactly("Committed Cleo");
		assertThat(names("uma")).as("lost with its positions: read again from Kafka").isEmpty();
		assertThat(index.position("starrymeet.celebrity.v1", 0)).isEqualTo(11);
		assertThat(index.position("starrymeet.availability.v1", 2)).isNull();
		assertThat(index.positions()).containsExactly(Map.entry("starrymeet.celebrity.v1:0", 11L));

		// read again: applied, then closing commits changes and positions
		assertThat(index.applyUpsert(lost.build(), 1)).isTrue();
		index.advance("starrymeet.celebrity.v1", 0, 12);
		index.close();
		index = new CelebrityIndex(directory);
		search = new CelebritySearch(index);
		assertThat(names("uma")).hasSize(1);
		assertThat(index.position("starrymeet.celebrity.v1", 0)).isEqualTo(12);
	}

	@Test
	void positionsNeverMoveBack() {
		index.advance("t", 0, 10);
		index.advance("t", 0, 4);
		assertThat(index.position("t", 0)).isEqualTo(10);
	}

	@Test
	void anIndexOfAnotherFormatIsRecreatedEmpty() throws Exception {
		index.applyUpsert(celebrity("Old Format Olga").build(), 1);
		index.advance("t", 0, 3);
		index.close();
		// the same index as an older release left it: another format in its commit
		try (var dir = org.apache.lucene.store.FSDirectory.open(directory);
				var writer = new org.apache.lucene.index.IndexWriter(dir,
						new org.apache.lucene.index.IndexWriterConfig(SearchAnalyzers.indexing()))) {
			writer.setLiveCommitData(Map.of(CelebrityIndex.FORMAT_KEY, "1", CelebrityIndex.POSITION_KEY + "t:0", "3").entrySet());
			writer.commit();
		}
		index = new CelebrityIndex(directory);
		search = new CelebritySearch(index);
		assertThat(index.wasCreatedEmpty()).isTrue();
		assertThat(index.documentCount()).isZero();
		assertThat(index.positions()).isEmpty();
	}

	// ---- reconciliation repairs

	@Test
	void aRepairPutsTheCatalogsVersionBackUnlessAnEventMovedIt() {
		var star = celebrity("Ahead Anna");
		index.applyUpsert(star.build(), 9);
		assertThat(index.repairUpsert(star.name("Catalog Anna").build(), 5, 9)).as("index ahead: catalog wins").isTrue();
		assertThat(index.snapshotVersion(star.id())).isEqualTo(5);
		assertThat(names("anna")).containsExactly("Catalog Anna");

		index.applyUpsert(star.name("Event Anna").build(), 6);
		assertThat(index.repairUpsert(star.name("Catalog Anna").build(), 5, 9)).as("an event moved it meanwhile").isFalse();
		assertThat(names("anna")).containsExactly("Event Anna");
		assertThat(index.repairUpsert(star.name("Event Anna").build(), 6, 6)).as("nothing to change").isFalse();

		assertThat(index.repairRemoval(star.id(), 5)).as("expected version no longer held").isFalse();
		assertThat(index.repairRemoval(star.id(), 6)).isTrue();
		assertThat(names("anna")).isEmpty();
		assertThat(index.entries()).containsEntry(star.id(), new CelebrityIndex.Entry(6, false, 0, false));
		assertThat(index.applyUpsert(star.build(), 6)).as("the tombstone keeps older events out").isFalse();
		assertThat(index.applyUpsert(star.name("Back Anna").build(), 7)).isTrue();
		assertThat(names("anna")).containsExactly("Back Anna");
	}

	@Test
	void anAvailabilityRepairPutsTheCalendarsVersionBackUnlessAnEventMovedIt() {
		var star = celebrity("Calendar Carla").in("Oslo", "Norway");
		index.applyUpsert(star.build(), 3);
		var bogus = CelebrityBuilder.availability(star.id(), "Rome", "Italy", LocalDate.of(2030, 5, 1));
		var calendar = CelebrityBuilder.availability(star.id(), "Lima", "Peru", LocalDate.of(2030, 6, 1));
		index.applyAvailability(bogus, 9);
		assertThat(index.repairAvailability(calendar, 4, 9)).as("index ahead: the calendar wins").isTrue();
		assertThat(cities()).containsExactly("Lima");
		assertThat(index.entries()).containsEntry(star.id(), new CelebrityIndex.Entry(3, true, 4, true));
		assertThat(index.applyAvailability(bogus, 4)).as("same version as the repair").isFalse();

		var event = CelebrityBuilder.availability(star.id(), "Quito", "Ecuador", LocalDate.of(2030, 7, 1));
		index.applyAvailability(event, 5);
		assertThat(index.repairAvailability(calendar, 4, 9)).as("an event moved it meanwhile").isFalse();
		assertThat(index.repairAvailability(event, 5, 5)).as("nothing to change").isFalse();
		assertThat(cities()).containsExactly("Quito");

		assertThat(index.clearAvailability(star.id(), 4)).as("expected version no longer held").isFalse();
		assertThat(index.clearAvailability(star.id(), 5)).isTrue();
		assertThat(index.clearAvailability(star.id(), 5)).as("already cleared").isFalse();
		assertThat(cities()).as("back to the snapshot's summary, as without any availability").containsExactly("Oslo");
		assertThat(index.entries()).containsEntry(star.id(), new CelebrityIndex.Entry(3, true, 5, false));
		assertThat(index.applyAvailability(event, 5)).as("the cleared version keeps older events out").isFalse();
		assertThat(index.repairAvailability(event, 5, 5)).as("a repair at the cleared version puts it back").isTrue();
		assertThat(cities()).containsExactly("Quito");

		// the snapshot part is left alone by availability repairs, and the other way round
		assertThat(index.repairUpsert(star.name("Carla Renamed").build(), 2, 3)).isTrue();
		assertThat(index.entries()).containsEntry(star.id(), new CelebrityIndex.Entry(2, true, 5, true));
		assertThat(cities()).containsExactly("Quito");
	}

	@Test
	void anAvailabilityRepairWithoutAnySnapshotKeepsItForTheFirstOne() {
		var star = celebrity("Later Lena");
		assertThat(index.repairAvailability(CelebrityBuilder.availability(star.id(), "Lima", "Peru",
				LocalDate.of(2030, 1, 1)), 2, 0)).isTrue();
		assertThat(index.entries()).containsEntry(star.id(), new CelebrityIndex.Entry(0, false, 2, true));
		assertThat(names("lena")).isEmpty();
		index.applyUpsert(star.build(), 1);
		assertThat(cities()).containsExactly("Lima");
	}

	private List<String> names(String q) {
		return search.search(CatalogFilter.of(Map.of("q", q)), false).celebrities().stream().map(CelebritySummary::displayName).toList();
	}

	private List<String> cities() {
		return search.search(CatalogFilter.NONE, false).celebrities().getFirst().cities();
	}
}
