/** Which notification types a user receives on which channel; transactional types cannot be switched off. */
@NullMarked
package com.starrymeet.notification.preference;

import org.jspecify.annotations.NullMarked;
