@NullMarked
package com.starrymeet.celebrity.profile.web;

import org.jspecify.annotations.NullMarked;
