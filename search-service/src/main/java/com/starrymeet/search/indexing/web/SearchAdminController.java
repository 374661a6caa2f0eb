package com.starrymeet.search.indexing.web;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.search.indexing.CatalogUnavailableException;
import com.starrymeet.search.indexing.IndexStatus;
import com.starrymeet.search.indexing.Reconciler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin operations of this instance's index (role ADMIN): reconcile with the catalog and the calendars now, and
 * read the index's state (counts, the digests of its celebrities' and availabilities' versions, Kafka positions, the
 * last reconciliation). Through the gateway these reach one instance; call each instance directly to see them all.
 */
@RestController
class SearchAdminController {

	private final Reconciler reconciler;

	private final IndexStatus status;

	SearchAdminController(Reconciler reconciler, IndexStatus status) {
		this.reconciler = reconciler;
		this.status = status;
	}

	/**
	 * Reconciles now with the catalog and the calendars; the answer counts what was found and repaired, for each.
	 * 503 when the catalog cannot be read; when only the calendars cannot, 200 with {@code availabilityFailure}.
	 */
	@PostMapping("/v1/admin/search/reconcile")
	@Operation(summary = "Reconcile this instance's index with the catalog and the calendars now",
			responses = {
					@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
							description = "What was found and repaired in the catalog part and in the availability "
									+ "part (`availability`; `null` with `availabilityFailure` when booking-service "
									+ "cannot be read)"),
					@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "503",
							description = "The catalog cannot be read (`CATALOG_UNAVAILABLE`)",
							content = @Content(mediaType = "application/problem+json",
									schema = @Schema(ref = "#/components/schemas/Problem"))) })
	ApiResponse<Reconciler.Report> reconcile(Caller caller) {
		caller.requireRole(Caller.Role.ADMIN);
		try {
			return ApiResponse.ok(reconciler.reconcile());
		}
		catch (CatalogUnavailableException ex) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "CATALOG_UNAVAILABLE",
					"The catalog cannot be read now; the index was not reconciled");
		}
	}

	/**
	 * The index's state; {@code versions=true} adds every searchable celebrity with its version and every held
	 * availability with its version.
	 */
	@GetMapping("/v1/admin/search/index-status")
	@Operation(summary = "This instance's index: counts, digests of versions, Kafka positions, last reconciliation")
	ApiResponse<IndexStatus.View> indexStatus(Caller caller,
			@RequestParam(required = false) @Nullable Boolean versions) {
		caller.requireRole(Caller.Role.ADMIN);
		return ApiResponse.ok(status.view(Boolean.TRUE.equals(versions)));
	}
}
