package com.starrymeet.user.auth.web;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.user.account.EmailVerification;
import com.starrymeet.user.account.PasswordReset;
import com.starrymeet.user.account.Registration;
import com.starrymeet.user.account.User;
import com.starrymeet.user.auth.AuthService;
import com.starrymeet.user.auth.Session;
import com.starrymeet.user.token.PresentedAccessToken;
import com.starrymeet.user.token.RefreshTokens;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuthController {

	static final String COOKIE = "refresh_token";

	static final String COOKIE_PATH = "/v1/auth";

	private final AuthService auth;

	private final EmailVerification verification;

	private final PasswordReset passwordReset;

	AuthController(AuthService auth, EmailVerification verification, PasswordReset passwordReset) {
		this.auth = auth;
		this.verification = verification;
		this.passwordReset = passwordReset;
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

		@Override
		public String toString() {
			return "RegisterRequest[email=" + email + ", password=(hidden)]";
		}
	}

	/** {@code totpCode}: the current TOTP code, or one of the recovery codes, when the account has 2FA on. */
	record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password,
			@Nullable @Size(max = 64) String totpCode) {

		@Override
		public String toString() {
			return "LoginRequest[email=" + email + ", password=(hidden), totpCode=(hidden)]";
		}
	}

	/** A verification token: never in a log line (Spring MVC logs request bodies at DEBUG). */
	record TokenRequest(@NotBlank @Size(max = 256) String token) {

		@Override
		public String toString() {
			return "TokenRequest[token=(hidden)]";
		}
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

		@Override
		public String toString() {
			return "ResetPasswordRequest[token=(hidden), newPassword=(hidden)]";
		}
	}

	/** The refresh token may come in the body or in the {@code refresh_token} cookie. */
	record RefreshRequest(@Nullable @Size(max = 256) String refreshToken) {

		@Override
		public String toString() {
			return "RefreshRequest[refreshToken=(hidden)]";
		}
	}

	@Operation(summary = "Register an account",
			description = "Creates a USER account (email to verify) and signs it in: the user, a token pair and the "
					+ "refresh cookie. Publishes UserRegistered and EmailVerificationRequested (token sealed for "
					+ "notification-service). 409 EMAIL_TAKEN when the email has an account.")
	@PostMapping("/v1/auth/register")
	ResponseEntity<ApiResponse<Session>> register(@Valid @RequestBody RegisterRequest request) {
		var session = auth.register(new Registration.NewAccount(request.email(), request.password(),
				request.firstName(), request.lastName(), request.phone()));
		return withCookie(HttpStatus.CREATED, session);
	}

	@Operation(summary = "Log in",
			description = "Email, password and, with 2FA on, a TOTP or recovery code: the user, a token pair and the "
					+ "refresh cookie. 401 INVALID_CREDENTIALS or TOTP_REQUIRED; 429 ACCOUNT_LOCKED after 5 failures.")
	@PostMapping("/v1/auth/login")
	ResponseEntity<ApiResponse<Session>> login(@Valid @RequestBody LoginRequest request) {
		return withCookie(HttpStatus.OK, auth.login(request.email(), request.password(), request.totpCode()));
	}

	@Operation(summary = "Verify the email address",
			description = "Uses the e-mailed verification token once. 400 INVALID_VERIFICATION_TOKEN when it is "
					+ "invalid, expired or used.")
	@PostMapping("/v1/auth/verify-email")
	ApiResponse<User> verifyEmail(@Valid @RequestBody TokenRequest request) {
		return ApiResponse.ok(verification.verify(request.token().trim()));
	}

	/** Always 202, whether or not the email has an account (no enumeration). */
	@Operation(summary = "Send a new verification link",
			description = "Always 202. When the email has an active, unverified account, earlier links stop working and "
					+ "a new one is e-mailed.")
	@PostMapping("/v1/auth/resend-verification")
	ResponseEntity<Void> resendVerification(@Valid @RequestBody EmailRequest request) {
		verification.resend(request.email());
		return ResponseEntity.accepted().build();
	}

	/** Always 202, whether or not the email has an account (no enumeration). */
	@Operation(summary = "Ask for a password reset link",
			description = "Always 202. When the email has an account, earlier links stop working and a new one "
					+ "(1 hour, single use) is e-mailed.")
	@PostMapping("/v1/auth/forgot-password")
	ResponseEntity<Void> forgotPassword(@Valid @RequestBody EmailRequest request) {
		passwordReset.request(request.email());
		return ResponseEntity.accepted().build();
	}

	@Operation(summary = "Reset the password",
			description = "Uses the e-mailed reset token once to set a new password; every session of the account "
					+ "ends. 400 INVALID_RESET_TOKEN when it is invalid, expired or used.")
	@PostMapping("/v1/auth/reset-password")
	ResponseEntity<Void> resetPassword(@Valid @RequestBody ResetPasswordRequest request) {
		passwordReset.reset(request.token().trim(), request.newPassword());
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Refresh the token pair",
			description = "Rotates the refresh token (body or cookie) into a new pair. A token used twice revokes its "
					+ "whole family: 401 REFRESH_TOKEN_REUSED; unknown, expired or revoked: 401 INVALID_REFRESH_TOKEN.")
	@PostMapping("/v1/auth/refresh")
	ResponseEntity<ApiResponse<Session>> refresh(@RequestBody(required = false) @Nullable RefreshRequest request,
			@CookieValue(name = COOKIE, required = false) @Nullable String cookie) {
		return withCookie(HttpStatus.OK, auth.refresh(presented(request, cookie)));
	}

	@Operation(summary = "Log out",
			description = "Revokes the family of the presented refresh token (if it is the caller's), deny-lists this "
					+ "access token until it expires and clears the refresh cookie.")
	@PostMapping("/v1/auth/logout")
	ResponseEntity<Void> logout(Caller caller, @RequestBody(required = false) @Nullable RefreshRequest request,
			@CookieValue(name = COOKIE, required = false) @Nullable String cookie) {
		auth.logout(caller.userId(), PresentedAccessToken.current(), presented(request, cookie));
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
