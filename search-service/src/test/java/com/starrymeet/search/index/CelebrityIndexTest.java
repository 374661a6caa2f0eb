package com.starrymeet.search.index;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import com.starrymeet.search.query.CelebritySearch;
import com.starrymeet.search.query.CelebritySummary;
import com.starrymeet.search.query.SearchCriteria;
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

	private List<String> names(String q) {
		return search.search(SearchCriteria.text(q), false).celebrities().stream().map(CelebritySummary::displayName).toList();
	}

	private List<String> cities() {
		return search.search(SearchCriteria.text(null), false).celebrities().getFirst().cities();
	}
}
