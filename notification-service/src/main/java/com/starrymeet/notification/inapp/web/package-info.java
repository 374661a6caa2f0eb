@NullMarked
package com.starrymeet.notification.inapp.web;

import org.jspecify.annotations.NullMarked;
