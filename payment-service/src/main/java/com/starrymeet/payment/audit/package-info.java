/** The audit log of admin money actions (who, what, on what, when, why), written in the action's transaction. */
@NullMarked
package com.starrymeet.payment.audit;

import org.jspecify.annotations.NullMarked;
