package com.starrymeet.celebrity.category;

import java.util.Map;
import java.util.UUID;

/**
 * How many public (active and verified) celebrities each category has. The profiles are not this module's data:
 * the profile module implements this, so the category module asks without reading the profiles' table.
 */
public interface PublicCelebrityCounts {

	/** Category id → number of public celebrities in it; categories without any may be absent. */
	Map<UUID, Long> byCategory();
}
