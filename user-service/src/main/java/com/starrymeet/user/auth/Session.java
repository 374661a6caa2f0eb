package com.starrymeet.user.auth;

import com.starrymeet.user.account.User;

/**
 * What register, login and refresh answer: the user and a fresh token pair.
 *
 * @param expiresIn seconds the access token stays valid
 */
public record Session(User user, String accessToken, String refreshToken, long expiresIn) {
}
