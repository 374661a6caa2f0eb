package com.starrymeet.booking.availability.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.core.annotation.AliasFor;

/** Documents the 409 problem an operation answers when the change conflicts with stored state. */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "409", content = @Content(mediaType = "application/problem+json",
		schema = @Schema(ref = "#/components/schemas/Problem")))
@interface Conflict {

	/** The codes, e.g. {@code `LOCATION_EXISTS`}, and when. */
	@AliasFor(annotation = ApiResponse.class, attribute = "description")
	String description();
}
