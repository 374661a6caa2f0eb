@NullMarked
package com.starrymeet.user.favorite.web;

import org.jspecify.annotations.NullMarked;
