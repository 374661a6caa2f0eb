package com.starrymeet.user.auth.web;

import java.time.Duration;
import java.util.UUID;

import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.user.account.Accounts;
import com.starrymeet.user.account.User;
import com.starrymeet.user.auth.AuthService;
import com.starrymeet.user.auth.Session;
import com.starrymeet.user.token.RefreshTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuthController {

	static final String COOKIE = "refresh_token";

	static final String COOKIE_PATH = "/v1/auth";

	private final AuthService auth;

	private final Accounts accounts;

	AuthController(AuthService auth, Accounts accounts) {
		this.auth = auth;
		this.accounts = accounts;
	}

	/** Only these fields: anything else (role, emailVerified, ...) is a 400. Email and names are trimmed. */
	record RegisterRequest(@NotBlank @Email @Size(max = 254) String email,
			@NotNull @Size(min = 8, max = 72)
			@Pattern(regexp = "(?s).*\\p{Lu}.*", message = "must contain an upper-case letter")
			@Pattern(regexp = "(?s).*\\p{Ll}.*", message = "must contain a lower-case letter")
			@Pattern(regexp = "(?s).*\\p{Nd}.*", message = "must contain a digit")
			@Pattern(regexp = "(?s).*[^\\p{L}\\p{Nd}\\s].*", message = "must contain a symbol") String password,
			@NotBlank @Size(max = 50) String firstName, @NotBlank @Size(max = 50) String lastName,
			@Nullable @Pattern(regexp = "^\\+[1-9][0-9]{1,14}$", message = "must be an E.164 number such as +14155550123") String phone) {

		RegisterRequest {
			email = email == null ? null : email.trim();
			firstName = firstName == null ? null : firstName.trim();
			lastName = lastName == null ? null : lastName.trim();
			phone = phone == null || phone.isBlank() ? null : phone.trim();
		}
	}

	/** {@code totpCode}: the current TOTP code, or one of the recovery codes, when the account has 2FA on. */
	record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password,
			@Nullable @Size(max = 64) String totpCode) {
	}

	record TokenRequest(@NotBlank @Size(max = 256) String token) {
	}

	record EmailRequest(@NotBlank @Size(max = 254) String email) {
	}

	/** The same password rules as registration. */
	record ResetPasswordRequest(@NotBlank @Size(max = 256) String token,
			@NotNull @Size(min = 8, max = 72)
			@Pattern(regexp = "(?s).*\\p{Lu}.*", message = "must contain an upper-case letter")
			@Pattern(regexp = "(?s).*\\p{Ll}.*", message = "must contain a lower-case letter")
			@Pattern(regexp = "(?s).*\\p{Nd}.*", message = "must contain a digit")
			@Pattern(regexp = "(?s).*[^\\p{L}\\p{Nd}\\s].*", message = "must contain a symbol") String newPassword) {
	}

	/** The refresh token may come in the body or in the {@code refresh_token} cookie. */
	record RefreshRequest(@Nullable String refreshToken) {
	}

	@PostMapping("/v1/auth/register")
	ResponseEntity<ApiResponse<Session>> register(@Valid @RequestBody RegisterRequest request) {
		var session = auth.register(new Accounts.Registration(request.email(), request.password(), request.firstName(),
				request.lastName(), request.phone()));
		return withCookie(HttpStatus.CREATED, session);
	}

	@PostMapping("/v1/auth/login")
	ResponseEntity<ApiResponse<Session>> login(@Valid @RequestBody LoginRequest request) {
		return withCookie(HttpStatus.OK, auth.login(request.email(), request.password(), request.totpCode()));
	}

	@PostMapping("/v1/auth/verify-email")
	ApiResponse<User> verifyEmail(@Valid @RequestBody TokenRequest request) {
		return ApiResponse.ok(accounts.verifyEmail(request.token().trim()));
	}

	/** Always 202, whether or not the email has an account (no enumeration). */
	@PostMapping("/v1/auth/resend-verification")
	ResponseEntity<Void> resendVerification(@Valid @RequestBody EmailRequest request) {
		accounts.resendVerification(request.email());
		return ResponseEntity.accepted().build();
	}

	/** Always 202, whether or not the email has an account (no enumeration). */
	@PostMapping("/v1/auth/forgot-password")
	ResponseEntity<Void> forgotPassword(@Valid @RequestBody EmailRequest request) {
		accounts.forgotPassword(request.email());
		return ResponseEntity.accepted().build();
	}

	@PostMapping("/v1/auth/reset-password")
	ResponseEntity<Void> resetPassword(@Valid @RequestBody ResetPasswordRequest request) {
		accounts.resetPassword(request.token().trim(), request.newPassword());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/v1/auth/refresh")
	ResponseEntity<ApiResponse<Session>> refresh(@RequestBody(required = false) @Nullable RefreshRequest request,
			@CookieValue(name = COOKIE, required = false) @Nullable String cookie) {
		return withCookie(HttpStatus.OK, auth.refresh(presented(request, cookie)));
	}

	@PostMapping("/v1/auth/logout")
	ResponseEntity<Void> logout(@AuthenticationPrincipal Jwt jwt,
			@RequestBody(required = false) @Nullable RefreshRequest request,
			@CookieValue(name = COOKIE, required = false) @Nullable String cookie) {
		var expiresAt = jwt.getExpiresAt();
		auth.logout(UUID.fromString(jwt.getSubject()), jwt.getId(),
				expiresAt != null ? expiresAt : java.time.Instant.now().plus(Duration.ofMinutes(15)),
				presented(request, cookie));
		var cleared = ResponseCookie.from(COOKIE, "").httpOnly(true).secure(true).sameSite("Strict")
			.path(COOKIE_PATH).maxAge(0).build();
		return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cleared.toString()).build();
	}

	private static @Nullable String presented(@Nullable RefreshRequest request, @Nullable String cookie) {
		if (request != null && request.refreshToken() != null && !request.refreshToken().isBlank()) {
			return request.refreshToken();
		}
		return cookie;
	}

	private static ResponseEntity<ApiResponse<Session>> withCookie(HttpStatus status, Session session) {
		var cookie = ResponseCookie.from(COOKIE, session.refreshToken())
			.httpOnly(true)
			.secure(true)
			.sameSite("Strict")
			.path(COOKIE_PATH)
			.maxAge(RefreshTokens.LIFETIME)
			.build();
		return ResponseEntity.status(status).header(HttpHeaders.SET_COOKIE, cookie.toString()).body(ApiResponse.ok(session));
	}
}
