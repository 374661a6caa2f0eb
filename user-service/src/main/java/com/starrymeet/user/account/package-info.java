/**
 * Accounts, one class per use case — {@link com.starrymeet.user.account.Registration},
 * {@link com.starrymeet.user.account.EmailVerification}, {@link com.starrymeet.user.account.PasswordReset},
 * {@link com.starrymeet.user.account.Login}, {@link com.starrymeet.user.account.AccountProfile},
 * {@link com.starrymeet.user.account.TwoFactor}, {@link com.starrymeet.user.account.AccountErasure},
 * {@link com.starrymeet.user.account.DataExport}, {@link com.starrymeet.user.account.AdminSeed} — sharing small
 * collaborators: the accounts table ({@code Users}), passwords and lockout, the e-mailed single-use tokens, their
 * sealing for notification-service, and the account's events.
 */
@NullMarked
package com.starrymeet.user.account;

import org.jspecify.annotations.NullMarked;
