/**
 * Favorites: the celebrities a user saved, listed from a local replica of the public catalog
 * ({@code celebrity_summary}) that CelebrityUpserted / CelebrityRemoved keep up to date.
 */
@NullMarked
package com.starrymeet.user.favorite;

import org.jspecify.annotations.NullMarked;
