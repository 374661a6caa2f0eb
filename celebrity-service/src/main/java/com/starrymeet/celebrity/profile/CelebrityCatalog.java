package com.starrymeet.celebrity.profile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.celebrity.category.Categories;
import com.starrymeet.celebrity.category.CategoryRef;
import com.starrymeet.celebrity.profile.Views.AvailabilityDetail;
import com.starrymeet.celebrity.profile.Views.AvailabilityView;
import com.starrymeet.celebrity.profile.Views.CelebrityCard;
import com.starrymeet.celebrity.profile.Views.CelebrityProfile;
import com.starrymeet.celebrity.profile.Views.MeetingTypeView;
import com.starrymeet.common.catalog.CatalogFilter;
import com.starrymeet.common.catalog.CatalogSort;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Pagination;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public catalog: only active AND verified celebrities. A list is one SQL query (filters bound as parameters,
 * ORDER BY from a whitelist, total by a window function) plus one batched query each for the page's categories,
 * meeting types and availability. Filters follow the fleet's catalog contract ({@link CatalogFilter}, without text
 * search: that is search-service's): places are compared folded (case and accents ignored) against keys stored next
 * to the display form.
 */
@Service
@Transactional(readOnly = true)
public class CelebrityCatalog {

	/** The public list page: the cards and the page. */
	public record Page(List<CelebrityCard> celebrities, Pagination pagination) {
	}

	static final String PUBLIC = "c.active AND c.verified";

	static final String CARD_COLUMNS = """
			c.id, c.username, c.display_name, c.profession, c.profile_photo_url, c.cover_photo_url, c.bio,
			c.average_rating, c.total_reviews, c.total_bookings, c.verified, c.featured, c.created_at, c.category_id""";

	static final int FEATURED_LIMIT = 20;

	private final JdbcClient jdbc;

	private final Categories categories;

	CelebrityCatalog(JdbcClient jdbc, Categories categories) {
		this.jdbc = jdbc;
		this.categories = categories;
	}

	/** The ORDER BY of each sort (a whitelist: nothing from the request reaches the SQL text). */
	static String orderBy(CatalogSort sort) {
		return switch (sort) {
			case PRICE -> "c.lowest_price_cents ASC NULLS LAST, c.id";
			case PRICE_DESC -> "c.lowest_price_cents DESC NULLS LAST, c.id";
			case RATING -> "c.average_rating DESC, c.total_reviews DESC, c.id";
			case NEWEST -> "c.created_at DESC, c.id";
			// without text there is nothing to be relevant to: the contract makes relevance popularity here
			case POPULARITY, RELEVANCE -> "c.total_bookings DESC, c.average_rating DESC, c.id";
		};
	}

	public Page list(CatalogFilter filter) {
		var page = filter.pageQuery();
		var where = new StringBuilder(PUBLIC);
		var params = new HashMap<String, Object>();
		if (filter.category() != null) {
			var category = filter.categoryId() != null ? categories.find(filter.categoryId())
					: categories.findBySlugOrId(filter.categoryKey());
			if (category.isEmpty()) {
				return new Page(List.of(), Pagination.of(page, 0));
			}
			where.append(" AND c.category_id = :categoryId");
			params.put("categoryId", category.get().id());
		}
		if (filter.minPriceCents() != null) {
			where.append(" AND c.lowest_price_cents >= :minCents");
			params.put("minCents", filter.minPriceCents());
		}
		if (filter.maxPriceCents() != null) {
			where.append(" AND c.lowest_price_cents <= :maxCents");
			params.put("maxCents", filter.maxPriceCents());
		}
		if (filter.minRating() != null) {
			where.append(" AND c.average_rating >= :minRating");
			params.put("minRating", filter.minRating());
		}
		if (filter.verified() != null) {
			where.append(" AND c.verified = :verified");
			params.put("verified", filter.verified());
		}
		var place = new StringBuilder();
		if (filter.city() != null) {
			place.append(" AND a.city_key = :city");
			params.put("city", filter.cityKey());
		}
		if (filter.country() != null) {
			place.append(" AND a.country_key = :country");
			params.put("country", filter.countryKey());
		}
		if (filter.date() != null) {
			place.append(" AND a.date = :date");
			params.put("date", filter.date());
		}
		if (!place.isEmpty()) {
			// an upcoming available date, at the requested place and on the requested day when given
			where.append(" AND EXISTS (SELECT 1 FROM availability_date a WHERE a.celebrity_id = c.id"
					+ " AND a.date >= current_date").append(place).append(')');
		}
		params.put("limit", page.limit());
		params.put("offset", page.offset());
		var sql = "SELECT " + CARD_COLUMNS + ", count(*) OVER () AS total FROM celebrity c WHERE " + where
				+ " ORDER BY " + orderBy(filter.sort()) + " LIMIT :limit OFFSET :offset";
		var total = new long[] { 0 };
		var rows = jdbc.sql(sql).params(params).query((rs, n) -> {
			total[0] = rs.getLong("total");
			return row(rs);
		}).list();
		if (rows.isEmpty() && page.page() > 1) { // past the end: the window count saw no row
			params.remove("limit");
			params.remove("offset");
			total[0] = jdbc.sql("SELECT count(*) FROM celebrity c WHERE " + where)
				.params(params)
				.query(Long.class)
				.single();
		}
		return new Page(cards(rows), Pagination.of(page, total[0]));
	}

	public List<CelebrityCard> featured() {
		var rows = jdbc.sql("SELECT " + CARD_COLUMNS + " FROM celebrity c WHERE " + PUBLIC + " AND c.featured ORDER BY "
				+ orderBy(CatalogSort.POPULARITY) + " LIMIT " + FEATURED_LIMIT).query((rs, n) -> row(rs)).list();
		return cards(rows);
	}

	/** A public profile by id or username; 404 for unknown and non-public alike. */
	public CelebrityProfile profile(String idOrUsername) {
		var row = find(idOrUsername, true).orElseThrow(() -> ApiException.notFound("Celebrity " + idOrUsername));
		var ids = List.of(row.id());
		return new CelebrityProfile(row.id(), row.username(), row.displayName(), row.profession(),
				category(row.categoryId()), row.bio(), row.profilePhoto(), row.coverPhoto(), row.averageRating(),
				row.totalReviews(), row.totalBookings(), row.verified(), row.featured(),
				meetingTypes(ids).getOrDefault(row.id(), List.of()), availabilityDetails(row.id()), row.createdAt());
	}

	/** The id of a public celebrity by id or username; 404 for unknown and non-public alike. */
	public UUID publicId(String idOrUsername) {
		return find(idOrUsername, true).map(Row::id).orElseThrow(() -> ApiException.notFound("Celebrity " + idOrUsername));
	}

	Optional<Row> find(String idOrUsername, boolean publicOnly) {
		UUID id = null;
		try {
			id = UUID.fromString(idOrUsername);
		}
		catch (IllegalArgumentException ex) {
			// a username
		}
		var sql = "SELECT " + CARD_COLUMNS + " FROM celebrity c WHERE "
				+ (id != null ? "c.id = :id" : "c.username = lower(:username)") + (publicOnly ? " AND " + PUBLIC : "");
		var statement = jdbc.sql(sql);
		statement = id != null ? statement.param("id", id) : statement.param("username", idOrUsername);
		return statement.query((rs, n) -> row(rs)).optional();
	}

	private CategoryRef category(UUID id) {
		return categories.find(id).orElseThrow(() -> new IllegalStateException("No category " + id));
	}

	private List<CelebrityCard> cards(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		var ids = rows.stream().map(Row::id).toList();
		var categoriesById = categories.byIds(rows.stream().map(Row::categoryId).toList());
		var meetingTypes = meetingTypes(ids);
		var availability = availability(ids);
		return rows.stream()
			.map(r -> new CelebrityCard(r.id(), r.username(), r.displayName(), r.profession(),
					categoriesById.get(r.categoryId()), r.profilePhoto(), r.averageRating(), r.totalReviews(),
					r.totalBookings(), r.verified(), meetingTypes.getOrDefault(r.id(), List.of()),
					availability.getOrDefault(r.id(), List.of())))
			.toList();
	}

	/** Active meeting types of many celebrities in one query. */
	Map<UUID, List<MeetingTypeView>> meetingTypes(Collection<UUID> ids) {
		var result = new LinkedHashMap<UUID, List<MeetingTypeView>>();
		jdbc.sql("""
				SELECT id, celebrity_id, name, duration_minutes, price_cents, description FROM meeting_type
				WHERE celebrity_id IN (:ids) AND active ORDER BY sort_order, price_cents, created_at, id""")
			.param("ids", ids)
			.query(rs -> {
				result.computeIfAbsent(rs.getObject("celebrity_id", UUID.class), k -> new ArrayList<>())
					.add(new MeetingTypeView(rs.getObject("id", UUID.class), rs.getString("name"),
							rs.getInt("duration_minutes"), rs.getLong("price_cents"), rs.getString("description")));
			});
		return result;
	}

	/**
	 * Locations with UPCOMING available dates (today or later, database date) of many celebrities in one query:
	 * counted from the stored dates, so dates that passed since the last AvailabilityChanged drop out.
	 */
	Map<UUID, List<AvailabilityView>> availability(Collection<UUID> ids) {
		var result = new LinkedHashMap<UUID, List<AvailabilityView>>();
		jdbc.sql("""
				SELECT celebrity_id, city, country, count(*) AS available_dates_count FROM availability_date
				WHERE celebrity_id IN (:ids) AND date >= current_date
				GROUP BY celebrity_id, city, country ORDER BY min(date), city, country""")
			.param("ids", ids)
			.query(rs -> {
				result.computeIfAbsent(rs.getObject("celebrity_id", UUID.class), k -> new ArrayList<>())
					.add(new AvailabilityView(rs.getString("city"), rs.getString("country"),
							rs.getInt("available_dates_count")));
			});
		return result;
	}

	/** Every location of one celebrity, with its next date. */
	List<AvailabilityDetail> availabilityDetails(UUID id) {
		return jdbc.sql("""
				SELECT city, country, count(*) AS available_dates_count, min(date) AS next_available_date
				FROM availability_date WHERE celebrity_id = :id AND date >= current_date
				GROUP BY city, country ORDER BY min(date), city, country""")
			.param("id", id)
			.query((rs, n) -> new AvailabilityDetail(rs.getString("city"), rs.getString("country"),
					rs.getInt("available_dates_count"), rs.getObject("next_available_date", LocalDate.class)))
			.list();
	}

	record Row(UUID id, String username, String displayName, @Nullable String profession,
			@Nullable String profilePhoto, @Nullable String coverPhoto, @Nullable String bio, double averageRating,
			int totalReviews, int totalBookings, boolean verified, boolean featured, java.time.Instant createdAt,
			UUID categoryId) {
	}

	static Row row(ResultSet rs) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
				rs.getString("profession"), rs.getString("profile_photo_url"), rs.getString("cover_photo_url"),
				rs.getString("bio"), rs.getBigDecimal("average_rating").doubleValue(), rs.getInt("total_reviews"),
				rs.getInt("total_bookings"), rs.getBoolean("verified"), rs.getBoolean("featured"),
				rs.getTimestamp("created_at").toInstant(), rs.getObject("category_id", UUID.class));
	}
}
