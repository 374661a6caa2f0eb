@NullMarked
package com.starrymeet.fleet.infrastructure;

import org.jspecify.annotations.NullMarked;
