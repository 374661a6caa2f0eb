/**
 * Error answers this service adds to common-lib's problem+json: field errors raised by use cases, unknown
 * JSON fields listed by name, and Retry-After on a lockout.
 */
@NullMarked
package com.starrymeet.user.problem;

import org.jspecify.annotations.NullMarked;
