@NullMarked
package com.starrymeet.celebrity.review.web;

import org.jspecify.annotations.NullMarked;
