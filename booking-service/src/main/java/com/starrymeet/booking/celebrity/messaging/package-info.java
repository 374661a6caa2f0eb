@NullMarked
package com.starrymeet.booking.celebrity.messaging;

import org.jspecify.annotations.NullMarked;
