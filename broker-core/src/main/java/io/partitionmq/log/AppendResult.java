package io.partitionmq.log;

/** Where an appended batch landed: its partition and the offsets of its first and last record. */
public record AppendResult(String topic, int partition, long baseOffset, long lastOffset, long appendTime) {
}
