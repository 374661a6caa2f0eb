package com.starrymeet.gateway.error;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * An error the gateway itself answers with, before it is rendered as RFC 9457 problem+json.
 *
 * @param status HTTP status
 * @param code stable machine-readable code, e.g. {@code SERVICE_UNAVAILABLE}
 * @param title short human-readable summary of the problem type
 * @param detail explanation for this occurrence; never internals
 * @param retryAfterSeconds value of the {@code Retry-After} header, if any
 */
public record GatewayProblem(int status, String code, String title, String detail,
		@Nullable Long retryAfterSeconds) {

	/** Base of every problem {@code type} URI. */
	public static final String TYPE_BASE = "https://api.starrymeet.com/problems/";

	public static GatewayProblem notFound() {
		return new GatewayProblem(404, "NOT_FOUND", "Not Found", "No resource exists at this path.", null);
	}

	public static GatewayProblem methodNotAllowed() {
		return new GatewayProblem(405, "METHOD_NOT_ALLOWED", "Method Not Allowed",
				"This resource does not support the request method.", null);
	}

	public static GatewayProblem payloadTooLarge(long limitBytes) {
		return new GatewayProblem(413, "PAYLOAD_TOO_LARGE", "Payload Too Large",
				"The request body exceeds the limit of " + limitBytes + " bytes.", null);
	}

	public static GatewayProblem serviceUnavailable(@Nullable String service, long retryAfterSeconds) {
		String what = (service != null) ? "The " + service + " service" : "The service";
		return new GatewayProblem(503, "SERVICE_UNAVAILABLE", "Service Unavailable",
				what + " is temporarily unavailable. Please retry later.", retryAfterSeconds);
	}

	/** No usable access token: missing, malformed, badly signed, expired, not yet valid or not ours. */
	public static GatewayProblem unauthorized(String detail) {
		return new GatewayProblem(401, "UNAUTHORIZED", "Unauthorized", detail, null);
	}

	/** A valid access token that was logged out, or issued before its user's sessions were revoked. */
	public static GatewayProblem tokenRevoked() {
		return new GatewayProblem(401, "TOKEN_REVOKED", "Unauthorized", "The access token has been revoked.", null);
	}

	public static GatewayProblem forbidden() {
		return new GatewayProblem(403, "FORBIDDEN", "Forbidden", "You are not allowed to access this resource.",
				null);
	}

	/**
	 * A CORS request the gateway refuses (an origin, method or header not allowed); not about who is calling, so
	 * not {@code FORBIDDEN}.
	 */
	public static GatewayProblem corsRejected() {
		return new GatewayProblem(403, "CORS_REJECTED", "Forbidden",
				"This cross-origin request is not allowed (origin, method or headers).", null);
	}

	/** A request refused before routing because its URL is malformed or ambiguous (e.g. {@code ..}, {@code //}). */
	public static GatewayProblem badRequest() {
		return new GatewayProblem(400, "BAD_REQUEST", "Bad Request", "The request URL is not allowed.", null);
	}

	public static GatewayProblem tooManyRequests(long retryAfterSeconds) {
		return new GatewayProblem(429, "TOO_MANY_REQUESTS", "Too Many Requests",
				"Too many requests. Please retry later.", retryAfterSeconds);
	}

	public static GatewayProblem internalError() {
		return new GatewayProblem(500, "INTERNAL_ERROR", "Internal Server Error", "An unexpected error occurred.",
				null);
	}

	/** A problem for any other status, with the status name as code and reason as title. */
	public static GatewayProblem ofStatus(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		if (known == null) {
			return (status >= 500) ? internalError() : ofStatus(400);
		}
		return new GatewayProblem(status, known.name(), known.getReasonPhrase(), known.getReasonPhrase() + ".", null);
	}

	/** Whole seconds for a {@code Retry-After} header, at least 1. */
	public static long retryAfterSeconds(Duration wait) {
		long seconds = wait.toSeconds() + ((wait.toNanosPart() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

	/** The problem {@code type} URI, e.g. {@code https://api.starrymeet.com/problems/not-found}. */
	public String type() {
		return TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
