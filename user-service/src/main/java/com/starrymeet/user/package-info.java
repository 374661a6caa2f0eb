@NullMarked
package com.starrymeet.user;

import org.jspecify.annotations.NullMarked;
