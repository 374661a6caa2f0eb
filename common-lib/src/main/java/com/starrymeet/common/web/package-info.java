@NullMarked
package com.starrymeet.common.web;

import org.jspecify.annotations.NullMarked;
