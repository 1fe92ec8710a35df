package io.partitionmq.log;

import java.util.Map;

/** A record read from a partition: where it sits (offset), when it was appended, and what the producer gave. */
public record Record(long offset, long timestamp, byte[] key, Map<String, Object> headers, byte[] value) {
}
