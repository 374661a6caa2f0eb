/**
 * The review read model: reviews of completed meetings from booking-service's ReviewSubmitted, one per booking, the
 * public paginated list with its summary, and the celebrity's rating aggregates kept in step.
 */
@NullMarked
package com.starrymeet.celebrity.review;

import org.jspecify.annotations.NullMarked;
