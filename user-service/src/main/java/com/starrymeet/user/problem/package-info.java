/**
 * What this service adds to common-lib's problem+json: {@code Retry-After} on a lockout.
 */
@NullMarked
package com.starrymeet.user.problem;

import org.jspecify.annotations.NullMarked;
