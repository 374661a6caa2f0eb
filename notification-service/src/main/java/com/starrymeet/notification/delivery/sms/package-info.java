/** The SMS provider port: Twilio (its REST API) or a log sink for local runs. */
@NullMarked
package com.starrymeet.notification.delivery.sms;

import org.jspecify.annotations.NullMarked;
