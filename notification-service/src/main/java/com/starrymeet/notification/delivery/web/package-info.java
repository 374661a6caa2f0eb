@NullMarked
package com.starrymeet.notification.delivery.web;

import org.jspecify.annotations.NullMarked;
