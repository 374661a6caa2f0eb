package com.starrymeet.common.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Answers with JSON that was serialised before (a cached answer's ready bytes): no serialisation per request.
 * <p>
 * A handler keeps declaring the type it answers, e.g. {@code ResponseEntity<ApiResponse<CelebrityProfile>>}, so the
 * OpenAPI document still describes the body; what is written is the given bytes, which must be that body's JSON
 * (serialised with the application's {@code JsonMapper}, as the message converter would have).
 */
public final class ReadyJson {

	private ReadyJson() {
	}

	/** The response of {@code builder} with {@code json} as its {@code application/json} body. */
	@SuppressWarnings("unchecked")
	public static <R> ResponseEntity<R> body(ResponseEntity.BodyBuilder builder, byte[] json) {
		ResponseEntity<?> response = builder.contentType(MediaType.APPLICATION_JSON).body(json);
		return (ResponseEntity<R>) response;
	}

}
