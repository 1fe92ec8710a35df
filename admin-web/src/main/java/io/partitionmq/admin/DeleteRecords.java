package io.partitionmq.admin;

/** The body of POST /api/topics/{name}/partitions/{partition}/delete-records: delete what is before {@code before}. */
public record DeleteRecords(Long before) {
}
