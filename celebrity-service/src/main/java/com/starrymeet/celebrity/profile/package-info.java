/**
 * Celebrity profiles: the public catalog (list with filters, profile, featured), the talent's own profile and
 * meeting types, admin moderation, the availability read model fed by booking-service, and the
 * CelebrityUpserted snapshots published through the outbox.
 */
@NullMarked
package com.starrymeet.celebrity.profile;

import org.jspecify.annotations.NullMarked;
