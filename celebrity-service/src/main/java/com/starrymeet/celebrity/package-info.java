@NullMarked
package com.starrymeet.celebrity;

import org.jspecify.annotations.NullMarked;
