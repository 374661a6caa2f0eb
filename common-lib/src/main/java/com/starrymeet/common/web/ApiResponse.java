package com.starrymeet.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The success envelope of every StarryMeet API: {@code {"success": true, "data": ..., "pagination": ...}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean success, T data, @Nullable Pagination pagination) {

	public static <T> ApiResponse<T> ok(T data) {
		return new ApiResponse<>(true, data, null);
	}

	public static <T> ApiResponse<T> page(T data, Pagination pagination) {
		return new ApiResponse<>(true, data, pagination);
	}
}
