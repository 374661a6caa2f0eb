/**
 * Child processes: launching a service JVM, probing its readiness, stopping it with its descendants, reading
 * its memory, and reaping processes that a killed launcher left behind.
 */
@NullMarked
package com.starrymeet.fleet.process;

import org.jspecify.annotations.NullMarked;
