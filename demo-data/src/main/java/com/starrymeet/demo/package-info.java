/**
 * Deterministic demo data: fictional celebrities with meeting types and availability. The same seed and index
 * always give the same celebrity, whatever the count, so the local fleet's 300 are the first 300 of the
 * benchmark's 100,000.
 */
@NullMarked
package com.starrymeet.demo;

import org.jspecify.annotations.NullMarked;
