package io.partitionmq.log;

import java.util.Map;

/**
 * A record as a producer hands it to the log: an optional key (it chooses the partition), typed headers and a
 * value. Header values are String, Boolean, Byte, Short, Integer, Long, Float, Double or byte[]; typed
 * headers let the broker evaluate selectors without knowing the producer's message format.
 */
public record ProducerRecord(byte[] key, Map<String, Object> headers, byte[] value) {
    public ProducerRecord {
        headers = Map.copyOf(headers);
    }
}
