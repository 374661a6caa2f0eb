@NullMarked
package com.starrymeet.booking;

import org.jspecify.annotations.NullMarked;
