@NullMarked
package com.starrymeet.notification.preference.web;

import org.jspecify.annotations.NullMarked;
