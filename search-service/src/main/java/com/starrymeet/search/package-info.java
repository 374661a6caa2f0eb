@NullMarked
package com.starrymeet.search;

import org.jspecify.annotations.NullMarked;
