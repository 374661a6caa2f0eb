/**
 * Keeps this instance's index in step with the catalog: a batch Kafka listener over CelebrityUpserted/Removed and
 * AvailabilityChanged reading every partition from the positions stored in the index's own commits; periodic
 * commits; readiness while catching up; reconciliation against celebrity-service at start, periodically and on
 * demand.
 */
@NullMarked
package com.starrymeet.search.indexing;

import org.jspecify.annotations.NullMarked;
