@NullMarked
package com.starrymeet.celebrity.profile.messaging;

import org.jspecify.annotations.NullMarked;
