/** The admin finance API. */
@NullMarked
package com.starrymeet.payment.finance.web;

import org.jspecify.annotations.NullMarked;
