@NullMarked
package com.starrymeet.fleet.process;

import org.jspecify.annotations.NullMarked;
