/**
 * The local replica of the catalog (celebrity id, managing account, active), kept from celebrity-service's
 * CelebrityUpserted / CelebrityRemoved: who owns a celebrity's availability, and which celebrities exist.
 */
@NullMarked
package com.starrymeet.booking.celebrity;

import org.jspecify.annotations.NullMarked;
