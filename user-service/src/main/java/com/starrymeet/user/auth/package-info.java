/**
 * The auth use cases that combine accounts and tokens: register, login, refresh, logout.
 */
@NullMarked
package com.starrymeet.user.auth;

import org.jspecify.annotations.NullMarked;
