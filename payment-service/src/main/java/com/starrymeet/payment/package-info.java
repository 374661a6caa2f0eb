@NullMarked
package com.starrymeet.payment;

import org.jspecify.annotations.NullMarked;
