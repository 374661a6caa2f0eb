package com.starrymeet.user.favorite.web;

import java.util.List;
import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Pagination.PageQuery;
import com.starrymeet.user.favorite.Favorites;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's favorites: the user is always the token's subject, never a path or body id.
 */
@RestController
class FavoritesController {

	private final Favorites favorites;

	FavoritesController(Favorites favorites) {
		this.favorites = favorites;
	}

	record AddRequest(@NotNull UUID celebrityId) {
	}

	@GetMapping("/v1/users/me/favorites")
	ApiResponse<List<Favorites.Favorite>> list(@AuthenticationPrincipal Jwt jwt,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit) {
		var query = PageQuery.of(page, limit);
		var result = favorites.list(subject(jwt), query);
		return ApiResponse.page(result.favorites(), Pagination.of(query, result.total()));
	}

	/** 201 when saved now, 200 when it already was a favorite. */
	@PostMapping("/v1/users/me/favorites")
	ResponseEntity<Void> add(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody AddRequest request) {
		boolean created = favorites.add(subject(jwt), request.celebrityId());
		return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).build();
	}

	@DeleteMapping("/v1/users/me/favorites/{celebrityId}")
	ResponseEntity<Void> remove(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID celebrityId) {
		favorites.remove(subject(jwt), celebrityId);
		return ResponseEntity.noContent().build();
	}

	private static UUID subject(Jwt jwt) {
		try {
			return UUID.fromString(jwt.getSubject());
		}
		catch (RuntimeException ex) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "The token's subject is not a user");
		}
	}
}
