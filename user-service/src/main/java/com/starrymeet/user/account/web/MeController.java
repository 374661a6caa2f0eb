package com.starrymeet.user.account.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.user.account.Accounts;
import com.starrymeet.user.account.TwoFactor;
import com.starrymeet.user.account.User;
import com.starrymeet.user.token.AccessTokens;
import com.starrymeet.user.token.DeniedTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own account: the user is always the token's subject, never a path or body id.
 */
@RestController
class MeController {

	private final Accounts accounts;

	private final TwoFactor twoFactor;

	private final DeniedTokens deniedTokens;

	MeController(Accounts accounts, TwoFactor twoFactor, DeniedTokens deniedTokens) {
		this.accounts = accounts;
		this.twoFactor = twoFactor;
		this.deniedTokens = deniedTokens;
	}

	record CodeRequest(@NotBlank @Size(max = 64) String code) {
	}

	record DisableTwoFactorRequest(@NotBlank @Size(max = 1024) String password, @NotBlank @Size(max = 64) String code) {
	}

	record PasswordRequest(@NotBlank @Size(max = 1024) String password) {
	}

	/** The recovery codes, shown once. */
	record RecoveryCodes(List<String> recoveryCodes) {
	}

	/**
	 * The only fields a user may change; anything else (email, role, emailVerified, ...) is a 400 naming it.
	 * Absent or null leaves a field unchanged; an empty phone or avatarUrl clears it.
	 */
	record ProfileRequest(@Nullable @Size(min = 1, max = 50) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String firstName,
			@Nullable @Size(min = 1, max = 50) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String lastName,
			@Nullable @Pattern(regexp = "^$|^\\+[1-9][0-9]{1,14}$", message = "must be empty or an E.164 number such as +14155550123") String phone,
			@Nullable @Size(max = 2048) @Pattern(regexp = "^$|^https://\\S+$", message = "must be empty or an https URL") String avatarUrl) {

		ProfileRequest {
			firstName = firstName == null ? null : firstName.trim();
			lastName = lastName == null ? null : lastName.trim();
			phone = phone == null ? null : phone.trim();
			avatarUrl = avatarUrl == null ? null : avatarUrl.trim();
		}
	}

	@GetMapping("/v1/users/me")
	ApiResponse<User> me(@AuthenticationPrincipal Jwt jwt) {
		return ApiResponse.ok(accounts.me(subject(jwt)));
	}

	@PatchMapping("/v1/users/me")
	ApiResponse<User> update(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ProfileRequest request) {
		return ApiResponse.ok(accounts.updateProfile(subject(jwt), new Accounts.ProfileChange(request.firstName(),
				request.lastName(), request.phone(), request.avatarUrl())));
	}

	/** Erases the account (password re-entered); this access token is deny-listed at once. */
	@DeleteMapping("/v1/users/me")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody PasswordRequest request) {
		accounts.delete(subject(jwt), request.password());
		var expiresAt = jwt.getExpiresAt();
		deniedTokens.deny(jwt.getId(), expiresAt != null ? expiresAt : Instant.now().plus(AccessTokens.LIFETIME));
		return ResponseEntity.noContent().build();
	}

	/** Everything held about the caller, as a JSON download (not enveloped). */
	@GetMapping(path = "/v1/users/me/export", produces = "application/json")
	ResponseEntity<Accounts.Export> export(@AuthenticationPrincipal Jwt jwt) {
		var id = subject(jwt);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("starrymeet-export-" + id + ".json").build().toString())
			.cacheControl(CacheControl.noStore())
			.body(accounts.export(id));
	}

	@PostMapping("/v1/users/me/2fa/setup")
	ApiResponse<TwoFactor.Setup> setupTwoFactor(@AuthenticationPrincipal Jwt jwt) {
		return ApiResponse.ok(twoFactor.setup(subject(jwt)));
	}

	@PostMapping("/v1/users/me/2fa/enable")
	ApiResponse<RecoveryCodes> enableTwoFactor(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CodeRequest request) {
		return ApiResponse.ok(new RecoveryCodes(twoFactor.enable(subject(jwt), request.code())));
	}

	@PostMapping("/v1/users/me/2fa/disable")
	ResponseEntity<Void> disableTwoFactor(@AuthenticationPrincipal Jwt jwt,
			@Valid @RequestBody DisableTwoFactorRequest request) {
		twoFactor.disable(subject(jwt), request.password(), request.code());
		return ResponseEntity.noContent().build();
	}

	static UUID subject(Jwt jwt) {
		try {
			return UUID.fromString(jwt.getSubject());
		}
		catch (RuntimeException ex) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "The token's subject is not a user");
		}
	}
}
