package com.starrymeet.demo;

import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCatalogTest {

	private final List<DemoCelebrity> local = DemoCatalog.generate(DemoCatalog.DEFAULT_SEED, 300);

	@Test
	void isDeterministicAndTheLocalSetIsAPrefixOfTheBenchmarkSet() {
		assertThat(DemoCatalog.generate(DemoCatalog.DEFAULT_SEED, 300)).isEqualTo(local);
		assertThat(DemoCatalog.generate(DemoCatalog.DEFAULT_SEED, 2_000).subList(0, 300)).isEqualTo(local);
		assertThat(DemoCatalog.generate(7, 300)).isNotEqualTo(local);
	}

	@Test
	void coversEveryCategoryWithAccentedNamesAndUniqueValidUsernames() {
		assertThat(local).extracting(DemoCelebrity::categorySlug)
			.containsOnly(java.util.Arrays.stream(DemoCatalog.CATEGORIES).map(c -> c[0]).toArray(String[]::new));
		assertThat(local.stream().map(DemoCelebrity::categorySlug).distinct()).hasSize(12);
		assertThat(local).filteredOn(c -> !DemoCatalog.ascii(c.displayName()).equals(c.displayName())).hasSizeGreaterThan(20);
		var usernames = new HashSet<String>();
		for (var c : DemoCatalog.generate(DemoCatalog.DEFAULT_SEED, 100_000)) {
			assertThat(c.username()).matches("^[a-z0-9_.]{3,30}$");
			assertThat(usernames.add(c.username())).as(c.username()).isTrue();
		}
	}

	@Test
	void availabilitySpans15CitiesIn6TimeZonesWithOneCityPerDayAndNoOverlaps() {
		Set<String> cities = new HashSet<>();
		Set<String> zones = new HashSet<>();
		for (var c : local) {
			assertThat(c.meetingTypes()).isNotEmpty().allSatisfy(t -> assertThat(t.priceCents()).isPositive());
			assertThat(c.locations()).isNotEmpty();
			var cityOfDay = new HashMap<Integer, String>();
			var windowsOfDay = new HashMap<Integer, List<DemoCelebrity.Window>>();
			for (var location : c.locations()) {
				cities.add(location.city());
				zones.add(location.timeZone());
				java.time.ZoneId.of(location.timeZone());
				for (var w : location.windows()) {
					assertThat(w.end()).isAfter(w.start());
					assertThat(w.capacity()).isBetween(1, 4);
					assertThat(w.dayOffset()).isPositive();
					var previous = cityOfDay.putIfAbsent(w.dayOffset(), location.city());
					assertThat(previous == null || previous.equals(location.city())).isTrue();
					for (var other : windowsOfDay.computeIfAbsent(w.dayOffset(), d -> new java.util.ArrayList<>())) {
						assertThat(overlaps(w.start(), w.end(), other.start(), other.end())).isFalse();
					}
					windowsOfDay.get(w.dayOffset()).add(w);
				}
			}
		}
		assertThat(cities).hasSizeGreaterThanOrEqualTo(15);
		assertThat(zones).hasSizeGreaterThanOrEqualTo(6);
	}

	/**
	 * The loader dates a window "today in the location's zone + dayOffset"; whatever the UTC time of loading
	 * (zones disagree about "today"), no two windows of a celebrity overlap as instants — booking-service
	 * refuses overlapping windows.
	 */
	@Test
	void windowsNeverOverlapAsInstantsWhateverTheTimeOfLoading() {
		var celebrities = DemoCatalog.generate(DemoCatalog.DEFAULT_SEED, 2_000);
		for (int hour = 0; hour < 24; hour += 1) {
			var loadedAt = java.time.Instant.parse("2026-11-25T00:30:00Z").plusSeconds(hour * 3600L);
			for (var c : celebrities) {
				var spans = new java.util.ArrayList<java.time.Instant[]>();
				for (var location : c.locations()) {
					var zone = java.time.ZoneId.of(location.timeZone());
					var today = java.time.LocalDate.ofInstant(loadedAt, zone);
					for (var w : location.windows()) {
						var date = today.plusDays(w.dayOffset());
						spans.add(new java.time.Instant[] { date.atTime(w.start()).atZone(zone).toInstant(),
								date.atTime(w.end()).atZone(zone).toInstant() });
					}
				}
				for (int i = 0; i < spans.size(); i++) {
					for (int j = i + 1; j < spans.size(); j++) {
						var a = spans.get(i);
						var b = spans.get(j);
						assertThat(a[0].isBefore(b[1]) && b[0].isBefore(a[1]))
							.as("%s: windows %d and %d overlap when loaded at %s", c.username(), i, j, loadedAt)
							.isFalse();
					}
				}
			}
		}
	}

	private static boolean overlaps(LocalTime s1, LocalTime e1, LocalTime s2, LocalTime e2) {
		return s1.isBefore(e2) && s2.isBefore(e1);
	}
}
