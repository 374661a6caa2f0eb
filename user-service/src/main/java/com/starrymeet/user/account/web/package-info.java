@NullMarked
package com.starrymeet.user.account.web;

import org.jspecify.annotations.NullMarked;
