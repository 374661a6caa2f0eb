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

import com.starrymeet.celebrity.profile.Views.AvailabilityDetail;
import com.starrymeet.celebrity.profile.Views.AvailabilityView;
import com.starrymeet.celebrity.profile.Views.CategoryRef;
import com.starrymeet.celebrity.profile.Views.CelebrityCard;
import com.starrymeet.celebrity.profile.Views.CelebrityProfile;
import com.starrymeet.celebrity.profile.Views.MeetingTypeView;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.Pagination;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public catalog: only active AND verified celebrities. A list is one SQL query (filters bound as
 * parameters, total by a window function) plus one batched query for meeting types and one for availability.
 */
@Service
@Transactional(readOnly = true)
public class CelebrityCatalog {

	/** The public list page: the cards, the page and the filters as given. */
	public record Page(List<CelebrityCard> celebrities, Pagination pagination, CatalogQuery query) {
	}

	static final String PUBLIC = "c.active AND c.verified";

	static final String CARD_COLUMNS = """
			c.id, c.username, c.display_name, c.profession, c.profile_photo_url, c.cover_photo_url, c.bio,
			c.average_rating, c.total_reviews, c.total_bookings, c.verified, c.featured, c.created_at,
			cat.id AS category_id, cat.name AS category_name, cat.slug AS category_slug""";

	static final int FEATURED_LIMIT = 20;

	private final JdbcClient jdbc;

	CelebrityCatalog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Page list(CatalogQuery query) {
		var where = new StringBuilder(PUBLIC);
		var params = new HashMap<String, Object>();
		if (query.category() != null) {
			var categoryId = query.categoryId();
			if (categoryId != null) {
				where.append(" AND c.category_id = :categoryId");
				params.put("categoryId", categoryId);
			}
			else {
				where.append(" AND cat.slug = :categorySlug");
				params.put("categorySlug", query.category());
			}
		}
		if (query.minPrice() != null) {
			where.append(" AND c.lowest_price_cents >= :minCents");
			params.put("minCents", query.minPriceCents());
		}
		if (query.maxPrice() != null) {
			where.append(" AND c.lowest_price_cents <= :maxCents");
			params.put("maxCents", query.maxPriceCents());
		}
		if (query.minRating() != null) {
			where.append(" AND c.average_rating >= :minRating");
			params.put("minRating", query.minRating());
		}
		if (query.verified() != null) {
			where.append(" AND c.verified = :verified");
			params.put("verified", query.verified());
		}
		var location = new StringBuilder();
		if (query.city() != null) {
			location.append(" AND lower(a.city) = lower(:city)");
			params.put("city", query.city());
		}
		if (query.country() != null) {
			location.append(" AND lower(a.country) = lower(:country)");
			params.put("country", query.country());
		}
		if (query.date() != null) {
			// the day must be available at the requested location, when one is given
			where.append(" AND EXISTS (SELECT 1 FROM availability_date a WHERE a.celebrity_id = c.id AND a.date = :date"
					+ " AND a.date >= current_date")
				.append(location)
				.append(')');
			params.put("date", query.date());
		}
		else if (!location.isEmpty()) {
			where.append(" AND EXISTS (SELECT 1 FROM availability_date a WHERE a.celebrity_id = c.id"
					+ " AND a.date >= current_date")
				.append(location)
				.append(')');
		}
		params.put("limit", query.limit());
		params.put("offset", query.offset());
		var sql = "SELECT " + CARD_COLUMNS + ", count(*) OVER () AS total FROM celebrity c"
				+ " JOIN category cat ON cat.id = c.category_id WHERE " + where + " ORDER BY " + query.sort().orderBy
				+ " LIMIT :limit OFFSET :offset";
		var total = new long[] { 0 };
		var rows = jdbc.sql(sql).params(params).query((rs, n) -> {
			total[0] = rs.getLong("total");
			return row(rs);
		}).list();
		if (rows.isEmpty() && query.page() > 1) { // past the end: the window count saw no row
			total[0] = jdbc.sql("SELECT count(*) FROM celebrity c JOIN category cat ON cat.id = c.category_id WHERE "
					+ where).params(params).query(Long.class).single();
		}
		var cards = cards(rows);
		var pageQuery = new Pagination.PageQuery(query.page(), query.limit());
		return new Page(cards, Pagination.of(pageQuery, total[0]), query);
	}

	public List<CelebrityCard> featured() {
		var rows = jdbc.sql("SELECT " + CARD_COLUMNS + " FROM celebrity c JOIN category cat ON cat.id = c.category_id"
				+ " WHERE " + PUBLIC + " AND c.featured ORDER BY " + CelebritySort.POPULARITY.orderBy
				+ " LIMIT " + FEATURED_LIMIT).query((rs, n) -> row(rs)).list();
		return cards(rows);
	}

	/** A public profile by id or username; 404 for unknown and non-public alike. */
	public CelebrityProfile profile(String idOrUsername) {
		var row = find(idOrUsername, true).orElseThrow(() -> ApiException.notFound("Celebrity " + idOrUsername));
		var ids = List.of(row.id());
		return new CelebrityProfile(row.id(), row.username(), row.displayName(), row.profession(), row.category(),
				row.bio(), row.profilePhoto(), row.coverPhoto(), row.averageRating(), row.totalReviews(),
				row.totalBookings(), row.verified(), row.featured(),
				meetingTypes(ids).getOrDefault(row.id(), List.of()),
				availabilityDetails(row.id()), row.createdAt());
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
		var sql = "SELECT " + CARD_COLUMNS + " FROM celebrity c JOIN category cat ON cat.id = c.category_id WHERE "
				+ (id != null ? "c.id = :id" : "c.username = lower(:username)") + (publicOnly ? " AND " + PUBLIC : "");
		var statement = jdbc.sql(sql);
		statement = id != null ? statement.param("id", id) : statement.param("username", idOrUsername);
		return statement.query((rs, n) -> row(rs)).optional();
	}

	private List<CelebrityCard> cards(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		var ids = rows.stream().map(Row::id).toList();
		var meetingTypes = meetingTypes(ids);
		var availability = availability(ids);
		return rows.stream()
			.map(r -> new CelebrityCard(r.id(), r.username(), r.displayName(), r.profession(), r.category(),
					r.profilePhoto(), r.averageRating(), r.totalReviews(), r.totalBookings(), r.verified(),
					meetingTypes.getOrDefault(r.id(), List.of()), availability.getOrDefault(r.id(), List.of())))
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
			CategoryRef category) {
	}

	static Row row(ResultSet rs) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
				rs.getString("profession"), rs.getString("profile_photo_url"), rs.getString("cover_photo_url"),
				rs.getString("bio"), rs.getBigDecimal("average_rating").doubleValue(), rs.getInt("total_reviews"),
				rs.getInt("total_bookings"), rs.getBoolean("verified"), rs.getBoolean("featured"),
				rs.getTimestamp("created_at").toInstant(),
				new CategoryRef(rs.getObject("category_id", UUID.class), rs.getString("category_name"),
						rs.getString("category_slug")));
	}
}
