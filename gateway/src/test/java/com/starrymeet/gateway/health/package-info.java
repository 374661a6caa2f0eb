@org.jspecify.annotations.NullMarked
package com.starrymeet.gateway.health;
