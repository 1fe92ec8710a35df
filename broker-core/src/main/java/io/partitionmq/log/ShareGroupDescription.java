package io.partitionmq.log;

import java.util.List;

/**
 * Where a share group stands in each partition of its topic: records locked to a consumer now ({@code acquired},
 * in flight) and records a consumer could acquire now ({@code available}: never handed out, released, or whose
 * lock expired).
 */
public record ShareGroupDescription(String group, String topic, List<Partition> partitions) {
    public record Partition(int partition, long startOffset, long nextOffset, long acquired, long available) {
    }

    public ShareGroupDescription {
        partitions = List.copyOf(partitions);
    }

    public long acquired() {
        return partitions.stream().mapToLong(Partition::acquired).sum();
    }

    public long available() {
        return partitions.stream().mapToLong(Partition::available).sum();
    }
}
