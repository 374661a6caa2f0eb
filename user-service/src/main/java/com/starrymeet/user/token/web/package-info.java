@NullMarked
package com.starrymeet.user.token.web;

import org.jspecify.annotations.NullMarked;
