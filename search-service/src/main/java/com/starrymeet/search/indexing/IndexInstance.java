package com.starrymeet.search.indexing;

/**
 * This instance's identity for Kafka: its own consumer group, so that every instance is assigned every partition
 * and reads it from the positions stored in its own index (offsets are never committed to Kafka).
 */
public record IndexInstance(String id, String consumerGroup) {
}
