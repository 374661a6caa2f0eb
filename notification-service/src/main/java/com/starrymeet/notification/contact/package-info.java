/** The contact replica: e-mail, names and phone of each account, from user-service's events; erased on UserDeleted. */
@NullMarked
package com.starrymeet.notification.contact;

import org.jspecify.annotations.NullMarked;
