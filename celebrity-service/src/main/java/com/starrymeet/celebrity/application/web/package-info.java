@NullMarked
package com.starrymeet.celebrity.application.web;

import org.jspecify.annotations.NullMarked;
