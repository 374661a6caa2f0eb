@NullMarked
package com.starrymeet.notification;

import org.jspecify.annotations.NullMarked;
