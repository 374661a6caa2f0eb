/**
 * Embedded infrastructure for the fleet: PostgreSQL 17 with a persistent data directory, a single-node KRaft
 * Kafka broker inside the launcher JVM and a redis-server.
 */
@NullMarked
package com.starrymeet.fleet.infrastructure;

import org.jspecify.annotations.NullMarked;
