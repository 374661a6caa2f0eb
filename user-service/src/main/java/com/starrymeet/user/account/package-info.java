/**
 * Accounts: registration, profile, credentials (password policy, bcrypt) and login lockout.
 */
@NullMarked
package com.starrymeet.user.account;

import org.jspecify.annotations.NullMarked;
