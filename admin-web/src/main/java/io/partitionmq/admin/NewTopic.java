package io.partitionmq.admin;

/** The body of POST /api/topics: a name and, optionally, a partition count (else the broker's default). */
public record NewTopic(String name, Integer partitions) {
}
