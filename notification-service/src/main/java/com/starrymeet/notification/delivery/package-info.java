/** E-mail (and SMS) deliveries: rendered from the templates, sent at most once per (event, recipient, channel), retried with backoff, then dead-lettered for admins. */
@NullMarked
package com.starrymeet.notification.delivery;

import org.jspecify.annotations.NullMarked;
