package com.starrymeet.celebrity;

import com.starrymeet.common.testing.ServiceConventionsContract;
import com.starrymeet.common.testing.ServiceTest;

/**
 * The fleet-wide service conventions (probes, metrics, OpenAPI, own database with the outbox, problem+json,
 * token validation), checked on this service.
 */
@ServiceTest
class CelebrityServiceConventionsTest extends ServiceConventionsContract {
}
