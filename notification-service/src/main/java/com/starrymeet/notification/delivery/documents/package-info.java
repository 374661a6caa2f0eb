/** The documents attached to e-mails, read from the services that render them (Feign + Resilience4j). */
@NullMarked
package com.starrymeet.notification.delivery.documents;

import org.jspecify.annotations.NullMarked;
