/**
 * Live updates over one plain WebSocket endpoint ({@code /v1/ws}, JSON frames): the first frame authenticates with
 * an access token; every instance reads the push-worthy events in a consumer group of its own and delivers them to
 * the sessions it holds, only to the users the event concerns; a reconnecting client catches up from the in-app list.
 */
@NullMarked
package com.starrymeet.notification.live;

import org.jspecify.annotations.NullMarked;
