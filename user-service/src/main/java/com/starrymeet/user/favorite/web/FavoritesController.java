package com.starrymeet.user.favorite.web;

import java.util.List;
import java.util.UUID;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Pagination.PageQuery;
import com.starrymeet.user.favorite.Favorites;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's favorites: the user is always the token's subject ({@link Caller}), never a path or body id.
 */
@RestController
class FavoritesController {

	private final Favorites favorites;

	FavoritesController(Favorites favorites) {
		this.favorites = favorites;
	}

	record AddRequest(@NotNull UUID celebrityId) {
	}

	@Operation(summary = "List my favorite celebrities",
			description = "Newest first, as the celebrities are now in the catalog; ones no longer public drop out "
					+ "of the list but stay saved.")
	@GetMapping("/v1/users/me/favorites")
	ApiResponse<List<Favorites.Favorite>> list(Caller caller, PageQuery page) {
		var result = favorites.list(caller.userId(), page);
		return ApiResponse.page(result.favorites(), Pagination.of(page, result.total()));
	}

	/** 201 when saved now, 200 when it already was a favorite; the favorite as listed either way. */
	@Operation(summary = "Add a favorite celebrity",
			description = "201 with the favorite when saved now, 200 when it already was one. 404 CELEBRITY_NOT_FOUND "
					+ "for an unknown, removed or non-public celebrity.")
	@PostMapping("/v1/users/me/favorites")
	ResponseEntity<ApiResponse<Favorites.Favorite>> add(Caller caller, @Valid @RequestBody AddRequest request) {
		var added = favorites.add(caller.userId(), request.celebrityId());
		return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(ApiResponse.ok(added.favorite()));
	}

	@Operation(summary = "Remove a favorite celebrity", description = "204, also when it was not a favorite.")
	@DeleteMapping("/v1/users/me/favorites/{celebrityId}")
	ResponseEntity<Void> remove(Caller caller, @PathVariable UUID celebrityId) {
		favorites.remove(caller.userId(), celebrityId);
		return ResponseEntity.noContent().build();
	}
}
