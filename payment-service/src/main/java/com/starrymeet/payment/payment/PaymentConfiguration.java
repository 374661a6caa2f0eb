package com.starrymeet.payment.payment;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduling for {@link PendingStripeWork}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PaymentConfiguration {
}
