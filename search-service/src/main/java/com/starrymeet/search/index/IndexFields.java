package com.starrymeet.search.index;

/**
 * Field names of a celebrity document. Text fields are analyzed by {@link SearchAnalyzers}; keyword fields
 * hold {@link SearchAnalyzers#keyword(String)} values; numbers have points (filters) and doc values (sorts,
 * facets).
 */
public final class IndexFields {

	/** Celebrity id (keyword, stored). */
	public static final String ID = "id";

	/** "1" on searchable documents; tombstones of non-public or removed celebrities hold "0". */
	public static final String VISIBLE = "visible";

	// text
	public static final String DISPLAY_NAME = "displayName";

	public static final String NAME_PREFIX = "namePrefix";

	public static final String USERNAME = "username";

	public static final String PROFESSION = "profession";

	public static final String CATEGORY_NAME = "categoryName";

	public static final String BIO = "bio";

	// keywords (multi-valued for cities and countries)
	public static final String CATEGORY_SLUG = "categorySlug";

	public static final String CATEGORY_ID = "categoryId";

	public static final String CITY = "city";

	public static final String COUNTRY = "country";

	public static final String VERIFIED = "verified";

	public static final String FEATURED = "featured";

	// numbers: point + doc values of the same name
	/** Lowest active meeting-type price, cents; absent when none is active. */
	public static final String MIN_PRICE = "minPriceCents";

	public static final String RATING = "rating";

	public static final String POPULARITY = "totalBookings";

	public static final String CREATED_AT = "createdAt";

	/** Epoch days with free capacity (points only, multi-valued). */
	public static final String AVAILABLE_DATE = "availableDate";

	// facet doc values
	public static final String CATEGORY_FACET = "categoryFacet";

	public static final String CITY_FACET = "cityFacet";

	// stored state
	static final String SNAPSHOT = "snapshot";

	static final String SNAPSHOT_VERSION = "snapshotVersion";

	static final String AVAILABILITY = "availability";

	static final String AVAILABILITY_VERSION = "availabilityVersion";

	static final String REMOVED = "removed";

	/** Separates the parts of a facet value (slug and name, city and country). */
	public static final char FACET_SEPARATOR = '\u001f';

	private IndexFields() {
	}
}
