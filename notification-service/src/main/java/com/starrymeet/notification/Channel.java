package com.starrymeet.notification;

/** Where a notification goes. */
public enum Channel {
	EMAIL, SMS, IN_APP
}
