package com.starrymeet.search.testdata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.events.contract.CelebrityUpserted;

/** Builds CelebrityUpserted snapshots (and matching AvailabilityChanged) for tests and the benchmark. */
public final class CelebrityBuilder {

	public static final CelebrityUpserted.Category ACTORS = category("Actors & Actresses", "actors");

	public static final CelebrityUpserted.Category MUSICIANS = category("Musicians", "musicians");

	public static final CelebrityUpserted.Category ATHLETES = category("Athletes", "athletes");

	private UUID id = UUID.randomUUID();

	private String displayName;

	private String username;

	private String profession = "Actor";

	private String bio = "";

	private CelebrityUpserted.Category category = ACTORS;

	private boolean verified = true;

	private boolean active = true;

	private boolean featured;

	private double rating = 4.0;

	private int bookings = 10;

	private final List<CelebrityUpserted.MeetingType> meetingTypes = new ArrayList<>();

	private final List<CelebrityUpserted.AvailabilitySummary> availability = new ArrayList<>();

	private Instant createdAt = Instant.parse("2025-01-01T00:00:00Z");

	private CelebrityBuilder(String displayName) {
		this.displayName = displayName;
		this.username = displayName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	public static CelebrityBuilder celebrity(String displayName) {
		return new CelebrityBuilder(displayName);
	}

	public static CelebrityUpserted.Category category(String name, String slug) {
		return new CelebrityUpserted.Category(UUID.nameUUIDFromBytes(slug.getBytes()), name, slug);
	}

	public CelebrityBuilder id(UUID value) {
		id = value;
		return this;
	}

	public CelebrityBuilder name(String value) {
		displayName = value;
		return this;
	}

	public CelebrityBuilder username(String value) {
		username = value;
		return this;
	}

	public CelebrityBuilder profession(String value) {
		profession = value;
		return this;
	}

	public CelebrityBuilder bio(String value) {
		bio = value;
		return this;
	}

	public CelebrityBuilder category(CelebrityUpserted.Category value) {
		category = value;
		return this;
	}

	public CelebrityBuilder verified(boolean value) {
		verified = value;
		return this;
	}

	public CelebrityBuilder active(boolean value) {
		active = value;
		return this;
	}

	public CelebrityBuilder featured(boolean value) {
		featured = value;
		return this;
	}

	public CelebrityBuilder rating(double value) {
		rating = value;
		return this;
	}

	public CelebrityBuilder bookings(int value) {
		bookings = value;
		return this;
	}

	public CelebrityBuilder createdAt(Instant value) {
		createdAt = value;
		return this;
	}

	/** An active meeting type at this price in cents. */
	public CelebrityBuilder price(long cents) {
		meetingTypes.add(new CelebrityUpserted.MeetingType(UUID.randomUUID(), "Meet " + cents, 30, cents, "USD", true));
		return this;
	}

	public CelebrityBuilder inactivePrice(long cents) {
		meetingTypes.add(new CelebrityUpserted.MeetingType(UUID.randomUUID(), "Old " + cents, 30, cents, "USD", false));
		return this;
	}

	/** A place in the snapshot's availability summary. */
	public CelebrityBuilder in(String city, String country) {
		availability.add(new CelebrityUpserted.AvailabilitySummary(city, country, 3, LocalDate.of(2030, 1, 15)));
		return this;
	}

	public UUID id() {
		return id;
	}

	public CelebrityUpserted build() {
		return new CelebrityUpserted(id, username, displayName, profession, bio, category,
				"https://cdn.example.test/" + username + ".jpg", verified, active, featured, rating, 3, bookings,
				List.copyOf(meetingTypes), List.copyOf(availability), createdAt, null);
	}

	public static AvailabilityChanged availability(UUID celebrityId, String city, String country, LocalDate... dates) {
		return new AvailabilityChanged(celebrityId,
				List.of(new AvailabilityChanged.Location(city, country, "UTC", List.of(dates))));
	}
}
