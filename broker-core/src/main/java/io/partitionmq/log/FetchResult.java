package io.partitionmq.log;

import java.util.List;

/**
 * Records read from one partition starting at the requested offset, with the partition's offset range at the
 * time of the read. {@code nextOffset} is where the following fetch should start.
 */
public record FetchResult(List<Record> records, long nextOffset, long startOffset, long endOffset) {
    public FetchResult {
        // Batches as the log holds them stay so, and are decoded when read.
        records = records instanceof BatchRecords ? records : List.copyOf(records);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
