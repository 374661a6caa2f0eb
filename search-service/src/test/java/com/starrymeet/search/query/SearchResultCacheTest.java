package com.starrymeet.search.query;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.common.catalog.CatalogFilter;

import com.starrymeet.search.index.CelebrityIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.starrymeet.search.testdata.CelebrityBuilder.MUSICIANS;
import static com.starrymeet.search.testdata.CelebrityBuilder.celebrity;
import static org.assertj.core.api.Assertions.assertThat;

/** The result cache answers a repeated search from memory, and never after the index changed. */
class SearchResultCacheTest {

	@TempDir
	Path directory;

	@Test
	void aRepeatedSearchIsServedFromTheCacheUntilTheIndexChanges() throws Exception {
		try (var index = new CelebrityIndex(this.directory.resolve("index"))) {
			var search = new CelebritySearch(index, 100);
			var id = UUID.randomUUID();
			index.applyUpsert(celebrity("Nina Simone").id(id).category(MUSICIANS).price(20_000).build(), 1);
			var criteria = CatalogFilter.of(Map.of("q", "nina"));

			var first = search.search(criteria, false);
			assertThat(search.search(criteria, false)).isSameAs(first);
			assertThat(search.search(criteria, true)).as("facets are another entry").isNotSameAs(first);
			assertThat(search.search(CatalogFilter.of(Map.of("q", "simone")), false)).isNotSameAs(first);

			// a price change: the same search answers from the new index version at once
			index.applyUpsert(celebrity("Nina Simone").id(id).category(MUSICIANS).price(9_900).build(), 2);
			var after = search.search(criteria, false);
			assertThat(after).isNotSameAs(first);
			assertThat(after.celebrities().getFirst().lowestPrice().priceCents()).isEqualTo(9_900);
			assertThat(first.celebrities().getFirst().lowestPrice().priceCents()).isEqualTo(20_000);

			// removal too
			index.applyUpsert(celebrity("Nina Simone").id(id).category(MUSICIANS).active(false).build(), 3);
			assertThat(search.search(criteria, false).celebrities()).isEmpty();
		}
	}

	@Test
	void withoutACacheEverySearchRuns() throws Exception {
		try (var index = new CelebrityIndex(this.directory.resolve("plain"))) {
			var search = new CelebritySearch(index);
			index.applyUpsert(celebrity("Nina Simone").category(MUSICIANS).price(20_000).build(), 1);
			var criteria = CatalogFilter.of(Map.of("q", "nina"));
			assertThat(search.search(criteria, false)).isNotSameAs(search.search(criteria, false))
				.isEqualTo(search.search(criteria, false));
		}
	}
}
