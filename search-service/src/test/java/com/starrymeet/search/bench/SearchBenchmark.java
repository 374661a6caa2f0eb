package com.starrymeet.search.bench;

import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;

import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import com.starrymeet.demo.DemoCatalog;
import com.starrymeet.demo.DemoCelebrity;
import com.starrymeet.common.catalog.CatalogFilter;
import com.starrymeet.search.index.CelebrityIndex;
import com.starrymeet.search.query.CelebritySearch;
import org.HdrHistogram.Histogram;

/**
 * In-process search benchmark (issue 4): 100,000 generated celebrities in a temporary index, then the
 * latency of (a) a fuzzy two-term query with two filters and (b) autocomplete, each over 20,000 queries after
 * a warm-up. Not a test (surefire does not pick it up); run it with the command in the README.
 * Arguments: [celebrities] [queries].
 */
public final class SearchBenchmark {

	/** The demo catalog's cities, for the city filter. */
	static final String[][] CITIES = { { "Los Angeles", "USA" }, { "San Francisco", "USA" }, { "New York", "USA" },
			{ "Miami", "USA" }, { "Chicago", "USA" }, { "Toronto", "Canada" }, { "Mexico City", "Mexico" },
			{ "São Paulo", "Brazil" }, { "London", "UK" }, { "Paris", "France" }, { "Berlin", "Germany" },
			{ "Madrid", "Spain" }, { "Zürich", "Switzerland" }, { "Dubai", "UAE" }, { "Mumbai", "India" },
			{ "Singapore", "Singapore" }, { "Tokyo", "Japan" }, { "Seoul", "South Korea" }, { "Sydney", "Australia" },
			{ "Auckland", "New Zealand" } };

	public static void main(String[] args) throws Exception {
		int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int queries = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
		var directory = Files.createTempDirectory("search-bench");
		var snapshots = new ArrayList<CelebrityUpserted>(size);
		var availability = new HashMap<UUID, AvailabilityChanged>();
		for (var celebrity : DemoCatalog.generate(DemoCatalog.DEFAULT_SEED, size)) {
			var snapshot = snapshot(celebrity);
			snapshots.add(snapshot);
			availability.put(snapshot.celebrityId(), availability(celebrity, snapshot.celebrityId()));
		}
		long start = System.nanoTime();
		try (var index = new CelebrityIndex(directory)) {
			index.bulkLoad(snapshots, availability);
			System.out.printf(Locale.ROOT, "indexed %,d celebrities in %.1f s (%s)%n", size, (System.nanoTime() - start) / 1e9,
					directory);
			var search = new CelebritySearch(index);

			var fuzzyQueries = new ArrayList<CatalogFilter>();
			var prefixes = new ArrayList<String>();
			var queryRandom = new Random(7);
			for (int i = 0; i < 1_000; i++) {
				var celebrity = snapshots.get(queryRandom.nextInt(size));
				var q = typo(queryRandom, celebrity.displayName());
				var city = CITIES[queryRandom.nextInt(CITIES.length)][0];
				fuzzyQueries.add(CatalogFilter.of(java.util.Map.of("q", q, "city", city, "maxPrice", "1000", "limit", "20")));
				var name = celebrity.displayName().toLowerCase(Locale.ROOT);
				int cut = 2 + queryRandom.nextInt(Math.max(1, Math.min(6, name.length() - 2)));
				var typed = name.substring(0, Math.min(cut, name.length()));
				prefixes.add(queryRandom.nextInt(5) == 0 ? typo(queryRandom, name) : typed);
			}
			long[] sink = new long[1];
			IntConsumer fuzzy = i -> sink[0] += search.search(fuzzyQueries.get(i % fuzzyQueries.size()), false)
				.pagination()
				.total();
			IntConsumer suggest = i -> sink[0] += search.suggest(prefixes.get(i % prefixes.size())).size();

			System.out.println("example: " + fuzzyQueries.get(0).q() + " in " + fuzzyQueries.get(0).city() + " → "
					+ search.search(fuzzyQueries.get(0), false).celebrities().stream().limit(3).map(c -> c.displayName()).toList());
			System.out.println("example: " + prefixes.get(0) + " → "
					+ search.suggest(prefixes.get(0)).stream().limit(3).map(s -> s.displayName()).toList());

			run("warm-up fuzzy", fuzzy, queries / 2);
			run("warm-up suggest", suggest, queries / 2);
			report("fuzzy 2-term query + city + maxPrice filters, limit 20", run("fuzzy", fuzzy, queries));
			report("autocomplete (80% prefix, 20% with a typo), top 10", run("suggest", suggest, queries));
			System.out.println("(checksum " + sink[0] + ")");
		}
	}

	static Histogram run(String name, IntConsumer work, int count) {
		var histogram = new Histogram(3_600_000_000L, 3);
		for (int i = 0; i < count; i++) {
			long t = System.nanoTime();
			work.accept(i);
			histogram.recordValue(System.nanoTime() - t);
		}
		return histogram;
	}

	static void report(String name, Histogram h) {
		System.out.printf(Locale.ROOT, "%-55s n=%d  p50=%.3f ms  p90=%.3f ms  p99=%.3f ms  max=%.3f ms%n", name,
				h.getTotalCount(), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
				h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
	}

	/** Replaces or drops one letter of the longest word (a realistic one-edit typo). */
	static String typo(Random random, String name) {
		var words = name.toLowerCase(Locale.ROOT).split(" ");
		int longest = words[0].length() >= words[words.length - 1].length() ? 0 : words.length - 1;
		var word = new StringBuilder(words[longest]);
		if (word.length() > 3) {
			int at = 1 + random.nextInt(word.length() - 1);
			if (random.nextBoolean()) {
				word.deleteCharAt(at);
			}
			else {
				word.setCharAt(at, (char) ('a' + random.nextInt(26)));
			}
		}
		words[longest] = word.toString();
		return String.join(" ", words);
	}

	static String capitalize(String s) {
		return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
	}

	/** The demo catalog's celebrity as celebrity-service would publish it. */
	static CelebrityUpserted snapshot(DemoCelebrity c) {
		var id = new UUID(0x5EA4C4L, c.index());
		var types = new ArrayList<CelebrityUpserted.MeetingType>();
		for (int t = 0; t < c.meetingTypes().size(); t++) {
			var type = c.meetingTypes().get(t);
			types.add(new CelebrityUpserted.MeetingType(new UUID(t + 1, c.index()), type.name(), type.durationMinutes(),
					type.priceCents(), "USD", true));
		}
		var slug = c.categorySlug();
		return new CelebrityUpserted(id, c.username(), c.displayName(), c.profession(), c.bio(),
				new CelebrityUpserted.Category(UUID.nameUUIDFromBytes(slug.getBytes()), capitalize(slug), slug),
				c.profilePhotoUrl(), true, true, c.featured(), c.averageRating(), c.totalReviews(), c.totalBookings(),
				types, List.of(), Instant.parse("2024-01-01T00:00:00Z").plusSeconds(c.index() * 600L), null);
	}

	/** Its availability as booking-service would publish it, with dates from 2030-01-01. */
	static AvailabilityChanged availability(DemoCelebrity c, UUID id) {
		var start = LocalDate.of(2030, 1, 1);
		return new AvailabilityChanged(id, c.locations()
			.stream()
			.map(l -> new AvailabilityChanged.Location(l.city(), l.country(), l.timeZone(),
					l.windows().stream().map(w -> start.plusDays(w.dayOffset())).distinct().sorted().toList()))
			.toList());
	}

	private SearchBenchmark() {
	}
}
