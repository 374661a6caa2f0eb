@NullMarked
package com.starrymeet.common.events;

import org.jspecify.annotations.NullMarked;
