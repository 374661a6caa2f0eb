@NullMarked
package com.starrymeet.common.security;

import org.jspecify.annotations.NullMarked;
