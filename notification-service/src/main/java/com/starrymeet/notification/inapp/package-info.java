/** In-app notifications (the bell): each user's own. */
@NullMarked
package com.starrymeet.notification.inapp;

import org.jspecify.annotations.NullMarked;
