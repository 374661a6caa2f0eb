package com.starrymeet.celebrity.category;

import java.util.UUID;

/**
 * A category of talent as the catalog shows it, with the number of public (active and verified) celebrities in it.
 */
public record Category(UUID id, String name, String slug, String description, String iconUrl, long celebrityCount) {
}
