package io.partitionmq.server;

import io.partitionmq.jms.MessageViews;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.SearchResult;
import io.partitionmq.selector.JmsSelectorFilter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Message browsing for the admin API: a partition's messages, filtered by a JMS selector on its leader. */
@ApplicationScoped
public class MessageBrowsing {
    /** No search looks at more records than this, however few match. */
    public static final int SCAN_LIMIT = 10_000;
    public static final int MAX_MESSAGES = 500;

    /** Where a browse starts: at an offset, at the first record at or after a time, or at an end of the log. */
    public record Start(Long offset, Long timestamp) {
    }

    /** A page of messages and the offset the next page starts at (outside the log once there is none). */
    public record Page(String topic, int partition, boolean newestFirst, List<MessageViews.MessageView> messages,
                       long resumeAt, long scanned, long startOffset, long endOffset) {
    }

    /**
     * Messages of a partition from {@code start}, oldest or newest first, that {@code selector} selects (null or
     * blank: all). Newest first from an offset includes that offset.
     */
    public Page browse(String topic, int partition, Start start, boolean newestFirst, String selector, int max) {
        if (max < 1 || max > MAX_MESSAGES) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_MESSAGES + ", got " + max);
        }
        if (start.offset() != null && start.timestamp() != null) {
            throw new IllegalArgumentException("give an offset or a timestamp to start from, not both");
        }
        PartitionLogs logs = BrokerService.running().connect().logs();
        JmsSelectorFilter filter = selector == null || selector.isBlank() ? null : new JmsSelectorFilter(selector);
        long position = position(logs, topic, partition, start, newestFirst);
        SearchResult found = logs.search(topic, partition, position, newestFirst, filter, max, SCAN_LIMIT);
        long next = newestFirst ? found.resumeAt() - 1 : found.resumeAt();
        return new Page(topic, partition, newestFirst, found.records().stream().map(MessageViews::of).toList(),
                next, found.scanned(), found.startOffset(), found.endOffset());
    }

    private static long position(PartitionLogs logs, String topic, int partition, Start start, boolean newestFirst) {
        if (start.offset() != null) {
            if (start.offset() < 0) {
                throw new IllegalArgumentException("offsets are not negative, got " + start.offset());
            }
            return newestFirst && start.offset() < Long.MAX_VALUE ? start.offset() + 1 : start.offset();
        }
        if (start.timestamp() != null) {
            return logs.offsetForTimestamp(topic, partition, start.timestamp())
                    .orElse(logs.summary(topic, partition).endOffset());
        }
        return newestFirst ? Long.MAX_VALUE : 0;
    }
}
