package com.starrymeet.celebrity.review.web;

import java.util.Arrays;
import java.util.Locale;

import com.starrymeet.celebrity.profile.CatalogCache;
import com.starrymeet.celebrity.review.Reviews;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The public reviews of a public celebrity (no token needed), cached with ETag like the other catalog reads. */
@RestController
@Tag(name = "reviews", description = "Reviews of public celebrities, as booking-service publishes them")
class ReviewController {

	private final Reviews reviews;

	private final CatalogCache cache;

	ReviewController(Reviews reviews, CatalogCache cache) {
		this.reviews = reviews;
		this.cache = cache;
	}

	@GetMapping("/v1/celebrities/{idOrUsername}/reviews")
	@Operation(operationId = "listCelebrityReviews", summary = "List a public celebrity's reviews",
			description = "Newest first, with the rating summary over all reviews; `rating` filters the list, not the "
					+ "summary. 404 for an unknown or non-public celebrity. ETag / If-None-Match.")
	ResponseEntity<ApiResponse<Reviews.Page>> list(WebRequest request,
			@Parameter(description = "the celebrity's id or username") @PathVariable String idOrUsername,
			PageQuery page,
			@Parameter(description = "only reviews with this rating, 1 to 5") @RequestParam(required = false) @Nullable Integer rating) {
		var key = Arrays.asList(idOrUsername.toLowerCase(Locale.ROOT), page.page(), page.limit(), rating);
		return cache.json("reviews", key, () -> ApiResponse.ok(reviews.page(idOrUsername, page, rating))).response(request);
	}
}
