@NullMarked
package com.starrymeet.fleet;

import org.jspecify.annotations.NullMarked;
