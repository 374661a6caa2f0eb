package com.starrymeet.booking.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refund tiers at their exact bounds, on the meeting's instant: more than 168 h → 100 %, 72 h to 168 h inclusive
 * → 50 %, under 72 h → 0 %, one second either side of each bound, including spans that cross a daylight-saving change
 * in the venue's zone (where "7 local days" and 168 h differ by an hour).
 */
class CancellationPolicyTest {

	static final RefundPolicy STANDARD = new BookingSettings.RefundPolicySettings("standard", 1, 168, 72, 2500).policy();

	static final Duration SECOND = Duration.ofSeconds(1);

	@Test
	void tiersAtTheirExactBounds() {
		var start = Instant.parse("2027-06-15T14:00:00Z");
		var h168 = start.minus(Duration.ofHours(168));
		var h72 = start.minus(Duration.ofHours(72));
		assertQuote(start, h168.minus(SECOND), 100, "FULL", h168);
		assertQuote(start, h168, 50, "HALF", h72); // 168 h exactly: inclusive in the 50 % tier
		assertQuote(start, h168.plus(SECOND), 50, "HALF", h72);
		assertQuote(start, h72.minus(SECOND), 50, "HALF", h72);
		assertQuote(start, h72, 50, "HALF", h72); // 72 h exactly: still 50 %
		assertQuote(start, h72.plus(SECOND), 0, "NONE", null);
		assertQuote(start, start.minus(SECOND), 0, "NONE", null);
		assertQuote(start, start.plus(SECOND), 0, "NONE", null); // started
		assertQuote(start, start.minus(Duration.ofDays(300)), 100, "FULL", h168);
	}

	@Test
	void londonEndOfSummerTimeLastSundayOfOctober() {
		// clocks go back on Sunday 31 October 2027 at 01:00 UTC; the meeting is after it, 168 h before it is not
		var zone = ZoneId.of("Europe/London");
		var start = ZonedDateTime.of(LocalDateTime.parse("2027-11-03T10:00"), zone).toInstant();
		assertThat(start).isEqualTo(Instant.parse("2027-11-03T10:00:00Z"));
		var h168 = Instant.parse("2027-10-27T10:00:00Z"); // 11:00 BST local: not "10:00 seven days before"
		assertThat(start.minus(Duration.ofHours(168))).isEqualTo(h168);
		assertQuote(start, h168.minus(SECOND), 100, "FULL", h168);
		assertQuote(start, h168, 50, "HALF", Instant.parse("2027-10-31T10:00:00Z"));
		assertQuote(start, h168.plus(SECOND), 50, "HALF", Instant.parse("2027-10-31T10:00:00Z"));
		// 09:30 UTC = 10:30 BST: after "10:00 local seven days before", yet still more than 168 h before the instant
		var localWeekBefore = ZonedDateTime.of(LocalDateTime.parse("2027-10-27T10:00"), zone).toInstant();
		assertThat(localWeekBefore).isEqualTo(Instant.parse("2027-10-27T09:00:00Z"));
		assertQuote(start, Instant.parse("2027-10-27T09:30:00Z"), 100, "FULL", h168);
		// 72 h before falls on the day of the change itself, after it
		var h72 = Instant.parse("2027-10-31T10:00:00Z");
		assertQuote(start, h72.minus(SECOND), 50, "HALF", h72);
		assertQuote(start, h72, 50, "HALF", h72);
		assertQuote(start, h72.plus(SECOND), 0, "NONE", null);
	}

	@Test
	void londonMeetingWhose72HoursCrossTheChange() {
		// meeting Monday 1 November 2027 09:00 GMT; 72 h before is Friday 29 October 09:00 UTC = 10:00 BST
		var start = ZonedDateTime.of(LocalDateTime.parse("2027-11-01T09:00"), ZoneId.of("Europe/London")).toInstant();
		var h72 = Instant.parse("2027-10-29T09:00:00Z");
		assertThat(start.minus(Duration.ofHours(72))).isEqualTo(h72);
		assertQuote(start, h72.minus(SECOND), 50, "HALF", h72);
		assertQuote(start, h72, 50, "HALF", h72);
		assertQuote(start, h72.plus(SECOND), 0, "NONE", null);
	}

	@Test
	void newYorkStartOfSummerTimeSecondSundayOfMarch() {
		// clocks go forward on Sunday 14 March 2027 at 07:00 UTC (02:00 EST); the meeting is after it (EDT)
		var zone = ZoneId.of("America/New_York");
		var start = ZonedDateTime.of(LocalDateTime.parse("2027-03-17T10:00"), zone).toInstant();
		assertThat(start).isEqualTo(Instant.parse("2027-03-17T14:00:00Z"));
		var h168 = Instant.parse("2027-03-10T14:00:00Z"); // 09:00 EST local, not 10:00
		var h72 = Instant.parse("2027-03-14T14:00:00Z");
		assertQuote(start, h168.minus(SECOND), 100, "FULL", h168);
		assertQuote(start, h168, 50, "HALF", h72);
		assertQuote(start, h168.plus(SECOND), 50, "HALF", h72);
		// 14:30 UTC = 09:30 EST: before "10:00 local seven days before", yet less than 168 h before the instant
		assertQuote(start, Instant.parse("2027-03-10T14:30:00Z"), 50, "HALF", h72);
		assertQuote(start, h72.minus(SECOND), 50, "HALF", h72);
		assertQuote(start, h72, 50, "HALF", h72);
		assertQuote(start, h72.plus(SECOND), 0, "NONE", null);
	}

	@Test
	void theCelebrityCancelsAlwaysInFullWithTheCredit() {
		var quote = CancellationPolicy.celebrity(STANDARD);
		assertThat(quote.refundPercent()).isEqualTo(100);
		assertThat(quote.tier()).isEqualTo("FULL");
		assertThat(STANDARD.celebrityCancellation().creditCents()).isEqualTo(2500);
	}

	@Test
	void theFrozenPolicyDecidesNotTheOneInForce() {
		var older = new RefundPolicy("old", 1, List.of(new RefundPolicy.Tier(24, false, 100), new RefundPolicy.Tier(0, true, 20)),
				new RefundPolicy.CelebrityCancellation(100, 1000));
		var start = Instant.parse("2027-06-15T14:00:00Z");
		assertThat(CancellationPolicy.fan(older, start, start.minus(Duration.ofHours(25))).refundPercent()).isEqualTo(100);
		assertThat(CancellationPolicy.fan(older, start, start.minus(Duration.ofHours(24))).refundPercent()).isEqualTo(20);
		assertThat(CancellationPolicy.fan(older, start, start.minus(Duration.ofHours(24))).tier()).isEqualTo("HALF");
	}

	@Test
	void sharesAreRoundedHalfUpToTheCent() {
		assertThat(CancellationPolicy.share(25_000, 50)).isEqualTo(12_500);
		assertThat(CancellationPolicy.share(12_345, 50)).isEqualTo(6_173); // 6172.5 → 6173
		assertThat(CancellationPolicy.share(12_345, 100)).isEqualTo(12_345);
		assertThat(CancellationPolicy.share(12_345, 0)).isZero();
	}

	private static void assertQuote(Instant start, Instant now, int percent, String tier, Instant next) {
		var quote = CancellationPolicy.fan(STANDARD, start, now);
		assertThat(quote.refundPercent()).as("percent at " + now).isEqualTo(percent);
		assertThat(quote.tier()).as("tier at " + now).isEqualTo(tier);
		assertThat(quote.nextTierAt()).as("next tier at " + now).isEqualTo(next);
	}
}
