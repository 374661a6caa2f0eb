/**
 * Applications to become a celebrity: a registered user applies, an admin approves (creating the linked profile
 * and publishing CelebrityApplicationApproved, on which user-service grants the CELEBRITY role) or rejects with a
 * reason (CelebrityApplicationRejected).
 */
@NullMarked
package com.starrymeet.celebrity.application;

import org.jspecify.annotations.NullMarked;
