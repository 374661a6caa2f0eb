package com.starrymeet.user.account;

import com.starrymeet.common.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The answers account use cases share: one wording for a failed credential check, whichever part failed, and
 * the refusals of a suspended or erased account.
 */
public final class AccountProblems {

	private AccountProblems() {
	}

	/** Unknown email and wrong password (or second factor) alike: nothing tells which. */
	public static ApiException invalidCredentials() {
		return new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "The email or password is incorrect");
	}

	public static ApiException suspended() {
		return new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_SUSPENDED", "This account is suspended");
	}

	public static ApiException erased() {
		return new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "This account no longer exists");
	}

	public static ApiException noSuchUser() {
		return ApiException.notFound("The user");
	}
}
