package com.starrymeet.user.account.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Problems;
import com.starrymeet.common.web.ValidationFailed;
import com.starrymeet.user.account.AccountErasure;
import com.starrymeet.user.account.AccountProfile;
import com.starrymeet.user.account.DataExport;
import com.starrymeet.user.account.TwoFactor;
import com.starrymeet.user.account.User;
import com.starrymeet.user.token.DeniedTokens;
import com.starrymeet.user.token.PresentedAccessToken;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own account: the user is always the token's subject ({@link Caller}), never a path or body id.
 */
@RestController
class MeController {

	private final AccountProfile profile;

	private final AccountErasure erasure;

	private final DataExport dataExport;

	private final TwoFactor twoFactor;

	private final DeniedTokens deniedTokens;

	MeController(AccountProfile profile, AccountErasure erasure, DataExport dataExport, TwoFactor twoFactor,
			DeniedTokens deniedTokens) {
		this.profile = profile;
		this.erasure = erasure;
		this.dataExport = dataExport;
		this.twoFactor = twoFactor;
		this.deniedTokens = deniedTokens;
	}

	record CodeRequest(@NotBlank @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "CodeRequest[code=(hidden)]";
		}
	}

	record DisableTwoFactorRequest(@NotBlank @Size(max = 1024) String password, @NotBlank @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "DisableTwoFactorRequest[password=(hidden), code=(hidden)]";
		}
	}

	record PasswordRequest(@NotBlank @Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "PasswordRequest[password=(hidden)]";
		}
	}

	/** The recovery codes, shown once. */
	record RecoveryCodes(List<String> recoveryCodes) {
	}

	/**
	 * The only fields a user may change; anything else (email, role, emailVerified, ...) is a 400 naming it. An
	 * absent field is left as it is; {@code null} or {@code ""} clears phone or avatarUrl; names cannot be cleared.
	 */
	record ProfileRequest(
			@Nullable Optional<@Size(min = 1, max = 50) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String> firstName,
			@Nullable Optional<@Size(min = 1, max = 50) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String> lastName,
			@Nullable Optional<@Pattern(regexp = "^$|^\\+[1-9][0-9]{1,14}$", message = "must be empty or an E.164 number such as +14155550123") String> phone,
			@Nullable Optional<@Size(max = 2048) @Pattern(regexp = "^$|^https://\\S+$", message = "must be empty or an https URL") String> avatarUrl) {

		ProfileRequest {
			firstName = firstName == null ? null : firstName.map(String::trim);
			lastName = lastName == null ? null : lastName.map(String::trim);
			phone = phone == null ? null : phone.map(String::trim);
			avatarUrl = avatarUrl == null ? null : avatarUrl.map(String::trim);
		}

		AccountProfile.ProfileChange change() {
			var errors = new ArrayList<Problems.FieldError>();
			if (firstName != null && firstName.isEmpty()) {
				errors.add(new Problems.FieldError("firstName", "must not be null"));
			}
			if (lastName != null && lastName.isEmpty()) {
				errors.add(new Problems.FieldError("lastName", "must not be null"));
			}
			if (!errors.isEmpty()) {
				throw new ValidationFailed(errors);
			}
			return new AccountProfile.ProfileChange(keepOrSet(firstName), keepOrSet(lastName), keepOrClear(phone),
					keepOrClear(avatarUrl));
		}

		private static @Nullable String keepOrSet(@Nullable Optional<String> value) {
			return value == null ? null : value.orElseThrow();
		}

		/** null: keep; "" clears (JSON null too). */
		private static @Nullable String keepOrClear(@Nullable Optional<String> value) {
			return value == null ? null : value.orElse("");
		}
	}

	@Operation(summary = "Get my account")
	@GetMapping("/v1/users/me")
	ApiResponse<User> me(Caller caller) {
		return ApiResponse.ok(profile.me(caller.userId()));
	}

	@Operation(summary = "Update my profile",
			description = "firstName, lastName, phone (E.164), avatarUrl (https) only; an absent field is kept, null or "
					+ "\"\" clears phone or avatarUrl. Publishes UserUpdated.")
	@PatchMapping("/v1/users/me")
	ApiResponse<User> update(Caller caller, @Valid @RequestBody ProfileRequest request) {
		return ApiResponse.ok(profile.update(caller.userId(), request.change()));
	}

	/** Erases the account (password re-entered); this access token is deny-listed at once. */
	@Operation(summary = "Erase my account",
			description = "After the password is re-entered: personal data anonymized, tokens, codes and favorites "
					+ "deleted, every session ended, this access token deny-listed. Publishes UserDeleted (id only).")
	@DeleteMapping("/v1/users/me")
	ResponseEntity<Void> delete(Caller caller, @Valid @RequestBody PasswordRequest request) {
		erasure.erase(caller.userId(), request.password());
		deniedTokens.deny(PresentedAccessToken.current());
		return ResponseEntity.noContent().build();
	}

	/** Everything held about the caller, as a JSON download (not enveloped). */
	@Operation(summary = "Export my data",
			description = "Everything this service holds about the caller as a JSON download (not enveloped): no hash, "
					+ "secret or token.")
	@GetMapping(path = "/v1/users/me/export", produces = "application/json")
	ResponseEntity<DataExport.Export> export(Caller caller) {
		var id = caller.userId();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("starrymeet-export-" + id + ".json").build().toString())
			.cacheControl(CacheControl.noStore())
			.body(dataExport.export(id));
	}

	@Operation(summary = "Set up two-factor authentication",
			description = "A new TOTP secret and its otpauth URI, not enabled until confirmed with a code. 409 "
					+ "TOTP_ALREADY_ENABLED.")
	@PostMapping("/v1/users/me/2fa/setup")
	ApiResponse<TwoFactor.Setup> setupTwoFactor(Caller caller) {
		return ApiResponse.ok(twoFactor.setup(caller.userId()));
	}

	@Operation(summary = "Enable two-factor authentication",
			description = "Confirms the set-up secret with a current code; answers the 10 recovery codes, shown once.")
	@PostMapping("/v1/users/me/2fa/enable")
	ApiResponse<RecoveryCodes> enableTwoFactor(Caller caller, @Valid @RequestBody CodeRequest request) {
		return ApiResponse.ok(new RecoveryCodes(twoFactor.enable(caller.userId(), request.code())));
	}

	@Operation(summary = "Disable two-factor authentication",
			description = "Needs the password and a current TOTP or recovery code; a wrong one is 401 "
					+ "INVALID_CREDENTIALS, counted toward the lockout.")
	@PostMapping("/v1/users/me/2fa/disable")
	ResponseEntity<Void> disableTwoFactor(Caller caller, @Valid @RequestBody DisableTwoFactorRequest request) {
		twoFactor.disable(caller.userId(), request.password(), request.code());
		return ResponseEntity.noContent().build();
	}
}
