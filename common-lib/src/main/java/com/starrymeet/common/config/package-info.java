@NullMarked
package com.starrymeet.common.config;

import org.jspecify.annotations.NullMarked;
