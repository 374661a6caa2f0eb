package com.starrymeet.common.events.contract;

import java.util.UUID;

/**
 * A celebrity left the catalog for good; consumers drop every copy (topic {@code starrymeet.celebrity.v1}).
 */
public record CelebrityRemoved(UUID celebrityId) {
}
