/**
 * Loads the deterministic demo catalog into a running fleet through the services' public and admin APIs.
 */
@NullMarked
package com.starrymeet.fleet.demo;

import org.jspecify.annotations.NullMarked;
