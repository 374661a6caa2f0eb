@NullMarked
package com.starrymeet.booking.availability.web;

import org.jspecify.annotations.NullMarked;
