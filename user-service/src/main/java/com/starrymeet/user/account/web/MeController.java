package com.starrymeet.user.account.web;

import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.user.account.Accounts;
import com.starrymeet.user.account.User;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own account: the user is always the token's subject, never a path or body id.
 */
@RestController
class MeController {

	private final Accounts accounts;

	MeController(Accounts accounts) {
		this.accounts = accounts;
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

	static UUID subject(Jwt jwt) {
		try {
			return UUID.fromString(jwt.getSubject());
		}
		catch (RuntimeException ex) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "The token's subject is not a user");
		}
	}
}
