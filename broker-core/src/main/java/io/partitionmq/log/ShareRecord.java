package io.partitionmq.log;

/** A record acquired by a share-group consumer, with how many times it has been delivered (1 the first time). */
public record ShareRecord(Record record, int deliveryCount) {
}
