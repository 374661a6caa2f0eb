/**
 * The local fleet: starts PostgreSQL, Kafka and Redis, then every StarryMeet service as its own JVM from its
 * jar, waits until all are ready and stops everything again. {@link com.starrymeet.fleet.Fleet} is the API,
 * {@link com.starrymeet.fleet.FleetMain} the command line.
 */
@NullMarked
package com.starrymeet.fleet;

import org.jspecify.annotations.NullMarked;
