package com.starrymeet.search.bench;

import java.math.BigDecimal;
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
import com.starrymeet.search.index.CelebrityIndex;
import com.starrymeet.search.query.CelebritySearch;
import com.starrymeet.search.query.SearchCriteria;
import org.HdrHistogram.Histogram;

/**
 * In-process search benchmark (issue 4): 100,000 generated celebrities in a temporary index, then the
 * latency of (a) a fuzzy two-term query with two filters and (b) autocomplete, each over 20,000 queries after
 * a warm-up. Not a test (surefire does not pick it up); run it with the command in the README.
 * Arguments: [celebrities] [queries].
 */
public final class SearchBenchmark {

	static final String[] FIRST = { "em", "ma", "jo", "sé", "be", "yon", "cé", "li", "o", "nel", "ma", "ri", "a", "zoë",
			"an", "dré", "lu", "cí", "a", "fran", "çois", "ka", "ri", "na", "sø", "ren", "ja", "mal", "ni", "na" };

	static final String[] LAST = { "wat", "son", "gon", "zá", "lez", "mes", "si", "stone", "ber", "g", "mül", "ler", "ko",
			"wal", "ski", "ta", "na", "ka", "dia", "llo", "pé", "rez", "o", "brien", "ha", "mid", "sil", "va", "ng", "uyen" };

	static final String[][] CATEGORIES = { { "actors", "Actors & Actresses" }, { "musicians", "Musicians" },
			{ "athletes", "Athletes" }, { "comedians", "Comedians" }, { "chefs", "Chefs" }, { "authors", "Authors" },
			{ "influencers", "Influencers" }, { "models", "Models" }, { "directors", "Directors" },
			{ "dancers", "Dancers" }, { "artists", "Artists" }, { "entrepreneurs", "Entrepreneurs" } };

	/** 20 cities in 9 time zones. */
	static final String[][] CITIES = { { "Los Angeles", "USA" }, { "San Francisco", "USA" }, { "New York", "USA" },
			{ "Miami", "USA" }, { "Chicago", "USA" }, { "Toronto", "Canada" }, { "Mexico City", "Mexico" },
			{ "São Paulo", "Brazil" }, { "London", "UK" }, { "Paris", "France" }, { "Berlin", "Germany" },
			{ "Madrid", "Spain" }, { "Zürich", "Switzerland" }, { "Dubai", "UAE" }, { "Mumbai", "India" },
			{ "Singapore", "Singapore" }, { "Tokyo", "Japan" }, { "Seoul", "South Korea" }, { "Sydney", "Australia" },
			{ "Auckland", "New Zealand" } };

	static final String[] WORDS = { "award", "winning", "actor", "singer", "known", "for", "roles", "in", "drama",
			"comedy", "world", "tour", "champion", "olympic", "bestselling", "author", "chef", "restaurant", "film",
			"series", "fans", "stage", "music", "album", "grammy", "league", "team", "coach", "fashion", "designer" };

	public static void main(String[] args) throws Exception {
		int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int queries = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
		var directory = Files.createTempDirectory("search-bench");
		var random = new Random(42);
		var snapshots = new ArrayList<CelebrityUpserted>(size);
		var availability = new HashMap<UUID, AvailabilityChanged>();
		for (int i = 0; i < size; i++) {
			var snapshot = generate(random, i);
			snapshots.add(snapshot);
			availability.put(snapshot.celebrityId(), where(random, snapshot.celebrityId()));
		}
		long start = System.nanoTime();
		try (var index = new CelebrityIndex(directory)) {
			index.bulkLoad(snapshots, availability);
			System.out.printf(Locale.ROOT, "indexed %,d celebrities in %.1f s (%s)%n", size, (System.nanoTime() - start) / 1e9,
					directory);
			var search = new CelebritySearch(index);

			var fuzzyQueries = new ArrayList<SearchCriteria>();
			var prefixes = new ArrayList<String>();
			var queryRandom = new Random(7);
			for (int i = 0; i < 1_000; i++) {
				var celebrity = snapshots.get(queryRandom.nextInt(size));
				var q = typo(queryRandom, celebrity.displayName());
				var city = CITIES[queryRandom.nextInt(CITIES.length)][0];
				fuzzyQueries.add(new SearchCriteria(q, null, city, null, null, new BigDecimal("1000"), null, null, null, null,
						null, 20));
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

	static String word(Random random, String[] syllables, int min, int max) {
		var b = new StringBuilder();
		int n = min + random.nextInt(max - min + 1);
		for (int i = 0; i < n; i++) {
			b.append(syllables[random.nextInt(syllables.length)]);
		}
		return capitalize(b.toString());
	}

	static CelebrityUpserted generate(Random random, int i) {
		var id = new UUID(0x5EA4C4L, i);
		var name = word(random, FIRST, 2, 3) + " " + word(random, LAST, 2, 3);
		var category = CATEGORIES[random.nextInt(CATEGORIES.length)];
		var bio = new StringBuilder();
		for (int w = 0; w < 12; w++) {
			bio.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
		}
		var types = new ArrayList<CelebrityUpserted.MeetingType>();
		long base = (5 + random.nextInt(200)) * 1_000L;
		types.add(new CelebrityUpserted.MeetingType(new UUID(1, i), "Quick Meet", 15, base, "USD", true));
		types.add(new CelebrityUpserted.MeetingType(new UUID(2, i), "Standard Meet", 30, base * 2, "USD", true));
		return new CelebrityUpserted(id, name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + i, name, category[1],
				bio.toString().strip(), new CelebrityUpserted.Category(UUID.nameUUIDFromBytes(category[0].getBytes()),
						category[1], category[0]),
				null, true, true, random.nextInt(50) == 0, Math.round((2.5 + random.nextDouble() * 2.5) * 10) / 10.0,
				random.nextInt(500), random.nextInt(2_000), types, List.of(),
				Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(60_000_000)), null);
	}

	static AvailabilityChanged where(Random random, UUID id) {
		var locations = new ArrayList<AvailabilityChanged.Location>();
		int n = 1 + random.nextInt(3);
		for (int l = 0; l < n; l++) {
			var city = CITIES[random.nextInt(CITIES.length)];
			var dates = new ArrayList<LocalDate>();
			for (int d = 0; d < 3; d++) {
				dates.add(LocalDate.of(2030, 1, 1).plusDays(random.nextInt(120)));
			}
			locations.add(new AvailabilityChanged.Location(city[0], city[1], "UTC", dates));
		}
		return new AvailabilityChanged(id, locations);
	}

	private SearchBenchmark() {
	}
}
