/**
 * Signing keys, the JWKS, RS256 access tokens, opaque refresh-token families and the access-token deny-list.
 */
@NullMarked
package com.starrymeet.user.token;

import org.jspecify.annotations.NullMarked;
