package com.starrymeet.celebrity.review.web;

import java.util.Arrays;
import java.util.Locale;

import com.starrymeet.celebrity.profile.CatalogCache;
import com.starrymeet.celebrity.review.Reviews;
import com.starrymeet.common.web.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The public reviews of a public celebrity (no token needed), cached with ETag like the other catalog reads. */
@RestController
class ReviewController {

	private final Reviews reviews;

	private final CatalogCache cache;

	ReviewController(Reviews reviews, CatalogCache cache) {
		this.reviews = reviews;
		this.cache = cache;
	}

	@GetMapping("/v1/celebrities/{idOrUsername}/reviews")
	ResponseEntity<ApiResponse<Reviews.Page>> list(WebRequest request, @PathVariable String idOrUsername,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable Integer rating) {
		var key = Arrays.asList(idOrUsername.toLowerCase(Locale.ROOT), page, limit, rating);
		var cached = cache.get("reviews", key, () -> ApiResponse.ok(reviews.page(idOrUsername, page, limit, rating)));
		if (request.checkNotModified(cached.etag())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(cached.etag()).cacheControl(CacheControl.noCache()).build();
		}
		return ResponseEntity.ok().eTag(cached.etag()).cacheControl(CacheControl.noCache()).body(cached.value());
	}
}
