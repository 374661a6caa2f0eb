/**
 * Problem answers that need more than a status and a code: a 503 with {@code Retry-After}.
 */
@NullMarked
package com.starrymeet.payment.problem;

import org.jspecify.annotations.NullMarked;
