@NullMarked
package com.starrymeet.user.admin.web;

import org.jspecify.annotations.NullMarked;
