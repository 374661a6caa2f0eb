/**
 * User administration for the ADMIN role: search, view, suspend, reactivate, change role; the audit log of
 * every admin action; the local admin seed.
 */
@NullMarked
package com.starrymeet.user.admin;

import org.jspecify.annotations.NullMarked;
