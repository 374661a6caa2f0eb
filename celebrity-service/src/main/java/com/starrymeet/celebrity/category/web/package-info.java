@NullMarked
package com.starrymeet.celebrity.category.web;

import org.jspecify.annotations.NullMarked;
