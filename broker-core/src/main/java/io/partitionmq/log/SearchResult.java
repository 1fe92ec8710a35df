package io.partitionmq.log;

import java.util.List;

/**
 * Records of one partition a search selected, in the order looked at, and where to go on: {@code resumeAt} is
 * the position to pass to the next search in the same direction (the log's end or start once it is done).
 *
 * @param scanned how many records were looked at
 */
public record SearchResult(List<Record> records, long resumeAt, long scanned, long startOffset, long endOffset) {
    public SearchResult {
        records = List.copyOf(records);
    }
}
