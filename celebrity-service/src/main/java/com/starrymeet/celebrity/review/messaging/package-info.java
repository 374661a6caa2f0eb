@NullMarked
package com.starrymeet.celebrity.review.messaging;

import org.jspecify.annotations.NullMarked;
