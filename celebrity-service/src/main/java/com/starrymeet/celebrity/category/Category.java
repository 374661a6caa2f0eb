package com.starrymeet.celebrity.category;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A category of talent as the catalog shows it, with the number of public (active and verified) celebrities in it.
 */
@Schema(name = "CategoryWithCount", description = "A category with the number of public celebrities in it")
public record Category(UUID id, String name, String slug, String description, String iconUrl, long celebrityCount) {
}
