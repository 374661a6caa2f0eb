/**
 * Ingestion of client events (page views, clicks, funnel steps) sent by web and mobile clients.
 */
@NullMarked
package com.starrymeet.analytics.ingestion;

import org.jspecify.annotations.NullMarked;
