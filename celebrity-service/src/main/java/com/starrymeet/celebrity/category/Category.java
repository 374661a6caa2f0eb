package com.starrymeet.celebrity.category;

import java.util.UUID;

/**
 * A category of talent as the catalog shows it.
 */
public record Category(UUID id, String name, String slug, String description, String iconUrl) {
}
