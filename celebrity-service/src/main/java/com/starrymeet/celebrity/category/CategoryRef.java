package com.starrymeet.celebrity.category;

import java.util.UUID;

/** A category as other records show it: id, name and slug. */
public record CategoryRef(UUID id, String name, String slug) {
}
