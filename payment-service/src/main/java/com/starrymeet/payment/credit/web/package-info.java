/** The credits API: a fan's balance and history, an admin's goodwill grant. */
@NullMarked
package com.starrymeet.payment.credit.web;

import org.jspecify.annotations.NullMarked;
