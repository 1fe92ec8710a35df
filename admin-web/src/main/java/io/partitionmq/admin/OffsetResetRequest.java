package io.partitionmq.admin;

/**
 * The body of POST /api/groups/{name}/reset: {@code to} is earliest, latest, offset, timestamp or shift;
 * {@code value} the offset, the timestamp (epoch ms) or the shift; {@code dryRun} only shows the result.
 */
public record OffsetResetRequest(String to, Long value, Boolean dryRun) {
}
