/** The fleet's events turned into notifications: who is told what, on which channel. */
@NullMarked
package com.starrymeet.notification.events;

import org.jspecify.annotations.NullMarked;
