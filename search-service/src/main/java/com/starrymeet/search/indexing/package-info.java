/** Kafka consumers that keep the index up to date from CelebrityUpserted/Removed and AvailabilityChanged. */
@NullMarked
package com.starrymeet.search.indexing;

import org.jspecify.annotations.NullMarked;
