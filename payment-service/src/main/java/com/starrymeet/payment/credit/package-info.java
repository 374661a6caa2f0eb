/**
 * The platform credit ledger: append-only entries (grants, uses, returns, reversals), each with the user's balance
 * after it; a balance that cannot go negative (constraints on both the entry and the balance row).
 */
@NullMarked
package com.starrymeet.payment.credit;

import org.jspecify.annotations.NullMarked;
