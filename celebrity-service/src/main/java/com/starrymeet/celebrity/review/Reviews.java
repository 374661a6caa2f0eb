package com.starrymeet.celebrity.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.starrymeet.celebrity.profile.CelebrityCatalog;
import com.starrymeet.celebrity.profile.Ratings;
import com.starrymeet.common.events.MalformedEventException;
import com.starrymeet.common.events.contract.ReviewSubmitted;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.ValidationFailed;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviews as the public sees them, kept from ReviewSubmitted. A review is stored once per booking (a second review
 * of the same booking, under any review or event id, changes nothing); storing it and updating the celebrity's
 * average and count (and its snapshot) happen in one transaction.
 */
@Service
public class Reviews {

	private static final Logger log = LoggerFactory.getLogger(Reviews.class);

	/** One review in the public list. */
	@Schema(name = "Review")
	public record ReviewView(UUID id, int rating, @Nullable String title, @Nullable String comment, String reviewerName,
			@Nullable String meetingType, Instant createdAt) {
	}

	/** Over all the celebrity's reviews, whatever the page or the rating filter. */
	@Schema(name = "ReviewSummary")
	public record Summary(BigDecimal averageRating, int totalReviews, Map<String, Integer> distribution) {
	}

	@Schema(name = "ReviewPage")
	public record Page(List<ReviewView> reviews, Summary summary, Pagination pagination, Map<String, Object> filters) {
	}

	private final JdbcClient jdbc;

	private final Ratings ratings;

	private final CelebrityCatalog catalog;

	Reviews(JdbcClient jdbc, Ratings ratings, CelebrityCatalog catalog) {
		this.jdbc = jdbc;
		this.ratings = ratings;
		this.catalog = catalog;
	}

	/**
	 * Stores a ReviewSubmitted (the event's aggregate version is not needed: a review is stored once and never
	 * changes).
	 * @return whether the review was new (and the aggregates changed)
	 */
	@Transactional
	public boolean apply(ReviewSubmitted review, long version) {
		check(review);
		int inserted = jdbc.sql("""
				INSERT INTO review (id, booking_id, celebrity_id, reviewer_id, reviewer_name, rating, title, comment,
				  meeting_type_name, submitted_at)
				VALUES (:id, :booking, :celebrity, :reviewer, :name, :rating, :title, :comment, :meetingType, :submittedAt)
				ON CONFLICT DO NOTHING""")
			.param("id", review.reviewId())
			.param("booking", review.bookingId())
			.param("celebrity", review.celebrityId())
			.param("reviewer", review.reviewerId())
			.param("name", truncate(review.reviewerName(), 100))
			.param("rating", review.rating())
			.param("title", truncate(review.title(), 200))
			.param("comment", review.comment())
			.param("meetingType", truncate(review.meetingTypeName(), 100))
			.param("submittedAt", java.sql.Timestamp.from(review.submittedAt()))
			.update();
		if (inserted == 0) {
			log.info("Ignoring ReviewSubmitted: review {} or a review of booking {} is already stored", review.reviewId(),
					review.bookingId());
			return false;
		}
		var celebrityId = review.celebrityId();
		if (!ratings.update(celebrityId, () -> aggregate(celebrityId))) {
			log.warn("Review {} names celebrity {}, unknown here: stored, and counted with the next review of that celebrity",
					review.reviewId(), celebrityId);
		}
		return true;
	}

	/**
	 * A page of a public celebrity's reviews, newest first, optionally of one rating (1–5, else 400); 404 for an
	 * unknown or non-public celebrity.
	 */
	@Transactional(readOnly = true)
	public Page page(String idOrUsername, Pagination.PageQuery query, @Nullable Integer rating) {
		if (rating != null && (rating < 1 || rating > 5)) {
			throw ValidationFailed.of("rating", "must be between 1 and 5");
		}
		var id = catalog.publicId(idOrUsername);
		var reviews = jdbc.sql("""
				SELECT id, rating, title, comment, reviewer_name, meeting_type_name, submitted_at, count(*) OVER () AS total
				FROM review WHERE celebrity_id = :id AND (CAST(:rating AS int) IS NULL OR rating = :rating)
				ORDER BY submitted_at DESC, id LIMIT :limit OFFSET :offset""")
			.param("id", id)
			.param("rating", rating, java.sql.Types.INTEGER)
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query((rs, n) -> Map.entry(rs.getLong("total"),
					new ReviewView(rs.getObject("id", UUID.class), rs.getInt("rating"), rs.getString("title"),
							rs.getString("comment"), rs.getString("reviewer_name"), rs.getString("meeting_type_name"),
							rs.getTimestamp("submitted_at").toInstant())))
			.list();
		long total;
		if (!reviews.isEmpty()) {
			total = reviews.getFirst().getKey();
		}
		else {
			total = jdbc.sql("SELECT count(*) FROM review WHERE celebrity_id = :id AND (CAST(:rating AS int) IS NULL OR rating = :rating)")
				.param("id", id)
				.param("rating", rating, java.sql.Types.INTEGER)
				.query(Long.class)
				.single();
		}
		var filters = new LinkedHashMap<String, Object>();
		filters.put("rating", rating);
		return new Page(reviews.stream().map(Map.Entry::getValue).toList(), summary(id), Pagination.of(query, total),
				filters);
	}

	Summary summary(UUID celebrityId) {
		var distribution = new LinkedHashMap<String, Integer>();
		for (int r = 1; r <= 5; r++) {
			distribution.put(Integer.toString(r), 0);
		}
		jdbc.sql("SELECT rating, count(*) AS n FROM review WHERE celebrity_id = :id GROUP BY rating")
			.param("id", celebrityId)
			.query(rs -> {
				distribution.put(Integer.toString(rs.getInt("rating")), rs.getInt("n"));
			});
		int count = distribution.values().stream().mapToInt(Integer::intValue).sum();
		long sum = distribution.entrySet().stream().mapToLong(e -> Long.parseLong(e.getKey()) * e.getValue()).sum();
		var average = count == 0 ? BigDecimal.ZERO.setScale(2)
				: BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
		return new Summary(average, count, distribution);
	}

	private Ratings.Aggregate aggregate(UUID celebrityId) {
		var summary = summary(celebrityId);
		return new Ratings.Aggregate(summary.averageRating(), summary.totalReviews());
	}

	private static void check(ReviewSubmitted review) {
		if (review.reviewId() == null || review.bookingId() == null || review.celebrityId() == null
				|| review.reviewerId() == null || review.reviewerName() == null || review.reviewerName().isBlank()
				|| review.submittedAt() == null || review.rating() < 1 || review.rating() > 5) {
			throw new MalformedEventException("ReviewSubmitted of review " + review.reviewId()
					+ " lacks an id, the reviewer's name or the time, or its rating is not 1-5", null);
		}
	}

	private static @Nullable String truncate(@Nullable String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}
}
