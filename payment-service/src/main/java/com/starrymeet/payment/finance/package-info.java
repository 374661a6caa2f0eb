/** Finance for admins: figures per day, week or month, the payout report, CSV exports (streamed), the audit log. */
@NullMarked
package com.starrymeet.payment.finance;

import org.jspecify.annotations.NullMarked;
