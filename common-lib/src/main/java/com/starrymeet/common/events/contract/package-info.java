/**
 * The published language: payloads of the integration events other services consume, carried in an
 * {@link com.starrymeet.common.events.EventEnvelope}. Changes are additive only (new optional fields);
 * consumers ignore what they do not know.
 */
@NullMarked
package com.starrymeet.common.events.contract;

import org.jspecify.annotations.NullMarked;
