@NullMarked
package com.starrymeet.search.query.web;

import org.jspecify.annotations.NullMarked;
