package com.starrymeet.demo;

import java.text.Normalizer;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Generates fictional celebrities deterministically: celebrity {@code i} of seed {@code s} is always the same
 * (its own {@link Random} is seeded from both), so {@code generate(s, 300)} is a prefix of
 * {@code generate(s, 100_000)}. Every category gets celebrities, names mix plain and accented syllables
 * ("Zoë", "José", "Søren"), and availability spreads over 20 cities in 11 time zones. A celebrity is in one
 * city at a time (with days to travel between cities) and its windows never overlap.
 */
public final class DemoCatalog {

	public static final long DEFAULT_SEED = 20261125L;

	/** The category slugs the catalog seeds (celebrity-service V2__categories.sql) and a profession for each. */
	static final String[][] CATEGORIES = { { "actors", "Actor" }, { "musicians", "Singer-songwriter" },
			{ "athletes", "Olympic sprinter" }, { "comedians", "Stand-up comedian" }, { "influencers", "Creator" },
			{ "tv-personalities", "TV host" }, { "authors", "Novelist" }, { "chefs", "Chef" }, { "artists", "Painter" },
			{ "business-leaders", "Founder" }, { "gamers", "Streamer" }, { "models", "Fashion model" } };

	/** 20 cities in 11 IANA time zones. */
	static final String[][] CITIES = { { "Los Angeles", "USA", "America/Los_Angeles" },
			{ "San Francisco", "USA", "America/Los_Angeles" }, { "New York", "USA", "America/New_York" },
			{ "Miami", "USA", "America/New_York" }, { "Chicago", "USA", "America/Chicago" },
			{ "Toronto", "Canada", "America/Toronto" }, { "Mexico City", "Mexico", "America/Mexico_City" },
			{ "São Paulo", "Brazil", "America/Sao_Paulo" }, { "London", "UK", "Europe/London" },
			{ "Paris", "France", "Europe/Paris" }, { "Berlin", "Germany", "Europe/Berlin" },
			{ "Madrid", "Spain", "Europe/Madrid" }, { "Zürich", "Switzerland", "Europe/Zurich" },
			{ "Dubai", "UAE", "Asia/Dubai" }, { "Mumbai", "India", "Asia/Kolkata" },
			{ "Singapore", "Singapore", "Asia/Singapore" }, { "Tokyo", "Japan", "Asia/Tokyo" },
			{ "Seoul", "South Korea", "Asia/Seoul" }, { "Sydney", "Australia", "Australia/Sydney" },
			{ "Auckland", "New Zealand", "Pacific/Auckland" } };

	static final String[] FIRST = { "Em", "Ma", "Jo", "Sé", "Be", "Yon", "Cé", "Li", "O", "Nel", "Ri", "A", "Zoë",
			"An", "Dré", "Lu", "Cí", "Fran", "Çois", "Ka", "Na", "Sø", "Ren", "Ja", "Mal", "Ni", "Ta", "Mi", "El", "Ra" };

	static final String[] LAST = { "wat", "son", "gon", "zá", "lez", "mes", "si", "stone", "ber", "g", "mül", "ler",
			"ko", "wal", "ski", "ta", "na", "ka", "dia", "llo", "pé", "rez", "o", "brien", "ha", "mid", "sil", "va", "ng",
			"uyen" };

	static final String[] WORDS = { "award-winning", "beloved", "known", "for", "unforgettable", "roles", "in", "drama",
			"comedy", "a", "world", "tour", "champion", "bestselling", "stage", "fans", "album", "series", "restaurant",
			"festival", "headliner", "record-breaking", "season", "studio", "gallery", "start-up", "live", "show" };

	static final LocalTime[][] WINDOWS = { { LocalTime.of(10, 0), LocalTime.of(12, 0) },
			{ LocalTime.of(14, 0), LocalTime.of(16, 0) }, { LocalTime.of(17, 30), LocalTime.of(19, 0) } };

	private DemoCatalog() {
	}

	/** Celebrities {@code 0 .. count-1} of the seed. */
	public static List<DemoCelebrity> generate(long seed, int count) {
		return IntStream.range(0, count).mapToObj(i -> celebrity(seed, i)).toList();
	}

	/** Celebrity {@code index} of the seed; usernames are unique across indexes (they end in the index). */
	public static DemoCelebrity celebrity(long seed, int index) {
		var random = new Random(seed * 1_000_003L + index);
		var name = word(random, FIRST, 2, 3) + " " + word(random, LAST, 2, 3);
		var category = CATEGORIES[index % CATEGORIES.length]; // every category, evenly
		var suffix = "." + index;
		var letters = ascii(name).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
		var username = letters.substring(0, Math.min(letters.length(), 30 - suffix.length())) + suffix;
		var bio = new StringBuilder(name).append(" is an");
		int words = 10 + random.nextInt(15);
		for (int w = 0; w < words; w++) {
			bio.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
		}
		bio.append('.');
		long base = (5 + random.nextInt(200)) * 1_000L; // $50 .. $2,045 for the quick meet
		var types = new ArrayList<DemoCelebrity.MeetingType>();
		types.add(new DemoCelebrity.MeetingType("Quick Meet", 15, base, "A quick hello, a photo and an autograph."));
		types.add(new DemoCelebrity.MeetingType("Standard Meet", 30, base * 2, "Time for a real conversation."));
		if (random.nextInt(3) > 0) {
			types.add(new DemoCelebrity.MeetingType("Premium Meet", 60, base * 4,
					"An hour together, with a signed keepsake."));
		}
		if (random.nextInt(10) == 0) {
			types.add(new DemoCelebrity.MeetingType("Masterclass", 120, base * 7, "A private two-hour session."));
		}
		return new DemoCelebrity(index, username, name, category[1], category[0], bio.toString(),
				"https://images.starrymeet.test/celebrities/" + index + "/profile.jpg",
				"https://images.starrymeet.test/celebrities/" + index + "/cover.jpg", random.nextInt(25) == 0,
				Math.round((3.0 + random.nextDouble() * 2.0) * 10) / 10.0, random.nextInt(500), random.nextInt(2_000), types,
				locations(random));
	}

	private static List<DemoCelebrity.Location> locations(Random random) {
		int count = 1 + random.nextInt(3);
		Set<Integer> cities = new HashSet<>();
		Map<Integer, Integer> cityOfDay = new HashMap<>();
		var locations = new ArrayList<DemoCelebrity.Location>();
		while (locations.size() < count) {
			int c = random.nextInt(CITIES.length);
			if (!cities.add(c)) {
				continue;
			}
			var windows = new ArrayList<DemoCelebrity.Window>();
			int dates = 2 + random.nextInt(4);
			for (int d = 0; d < dates; d++) {
				int day = 2 + random.nextInt(58);
				if (!travelTime(cityOfDay, day, c)) {
					continue;
				}
				cityOfDay.put(day, c);
				int first = random.nextInt(WINDOWS.length);
				windows.add(new DemoCelebrity.Window(day, WINDOWS[first][0], WINDOWS[first][1], 1 + random.nextInt(4)));
				if (random.nextBoolean()) { // a second, later window that day
					int second = (first + 1 + random.nextInt(WINDOWS.length - 1)) % WINDOWS.length;
					windows.add(new DemoCelebrity.Window(day, WINDOWS[second][0], WINDOWS[second][1], 1 + random.nextInt(4)));
				}
			}
			var city = CITIES[c];
			locations.add(new DemoCelebrity.Location(city[0], city[1], city[2], List.copyOf(windows)));
		}
		return List.copyOf(locations);
	}

	/**
	 * A day in another city must be at least {@value #TRAVEL_DAYS} days away from this one: the locations' dates
	 * are "today in that zone + offset", and zones up to 21 hours apart put windows on nearby days at overlapping
	 * instants otherwise. A day already spent in this city gets no second window set.
	 */
	private static boolean travelTime(Map<Integer, Integer> cityOfDay, int day, int city) {
		if (cityOfDay.containsKey(day)) {
			return false;
		}
		for (int d = day - TRAVEL_DAYS + 1; d < day + TRAVEL_DAYS; d++) {
			var other = cityOfDay.get(d);
			if (other != null && other != city) {
				return false;
			}
		}
		return true;
	}

	static final int TRAVEL_DAYS = 3;

	private static String word(Random random, String[] syllables, int min, int max) {
		var b = new StringBuilder();
		int n = min + random.nextInt(max - min + 1);
		for (int i = 0; i < n; i++) {
			b.append(syllables[random.nextInt(syllables.length)].toLowerCase(Locale.ROOT));
		}
		return b.substring(0, 1).toUpperCase(Locale.ROOT) + b.substring(1);
	}

	/** "Zoë Müller" → "Zoe Muller". */
	static String ascii(String s) {
		return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace("ø", "o").replace("Ø", "O");
	}
}
