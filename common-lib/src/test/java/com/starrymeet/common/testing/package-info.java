/**
 * Test fixtures shared by every service (published as common-lib's test-jar): real PostgreSQL 17, Kafka
 * (KRaft) and Redis started once per test JVM, a JWKS-backed token issuer and a small HTTP client.
 */
@NullMarked
package com.starrymeet.common.testing;

import org.jspecify.annotations.NullMarked;
