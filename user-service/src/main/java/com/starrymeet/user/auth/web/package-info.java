@NullMarked
package com.starrymeet.user.auth.web;

import org.jspecify.annotations.NullMarked;
