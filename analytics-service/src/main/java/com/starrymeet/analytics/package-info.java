@NullMarked
package com.starrymeet.analytics;

import org.jspecify.annotations.NullMarked;
