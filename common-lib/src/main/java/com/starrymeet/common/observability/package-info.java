@NullMarked
package com.starrymeet.common.observability;

import org.jspecify.annotations.NullMarked;
