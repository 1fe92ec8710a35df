package io.partitionmq.log;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Hazelcast serialization ids of the log's wire and storage types. Identified serialization keeps them compact
 * and reflection-free on the hot path; the factory is registered on members and clients alike.
 */
public final class LogTypes implements DataSerializableFactory {
    public static final int FACTORY_ID = 7301;

    static final int PARTITION_KEY = 1;
    static final int RECORD_BATCH = 2;
    static final int PARTITION_LOG = 3;
    static final int APPEND = 4;
    static final int APPLY_BATCH = 5;
    static final int READ = 6;
    static final int PARTITION_SLICE = 7;
    static final int CREATE_TOPIC = 8;
    static final int LOG_SEGMENT = 9;
    static final int TRUNCATE = 10;
    static final int RETENTION = 11;
    static final int CONFIGURE = 12;
    static final int TIMESTAMP_LOOKUP = 13;
    static final int DELETE_PARTITION = 14;
    static final int OFFER_REPLICA = 15;
    static final int UPDATE_TOPIC = 16;
    static final int DELETE_TOPIC = 17;
    static final int SHARE_PARTITION = 18;
    static final int SHARE_REPLY = 19;
    static final int SHARE = 20;
    static final int APPLY_SHARE_STATE = 21;
    static final int SHARE_BROWSE = 22;
    static final int SEARCH = 23;
    static final int SEARCH_REPLY = 24;
    static final int SHARE_SUMMARY = 25;
    static final int CONFIRM_BACKUP = 26;
    static final int APPEND_ANNOUNCED = 27;
    static final int SHARE_PUSH = 28;
    static final int READ_OR_WAIT = 29;
    static final int READ_PUSH = 30;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case PARTITION_KEY -> new PartitionKey();
            case RECORD_BATCH -> new RecordBatch();
            case PARTITION_LOG -> new PartitionLog();
            case APPEND -> new AppendProcessor();
            case APPLY_BATCH -> new ApplyBatchProcessor();
            case READ -> new ReadProcessor();
            case PARTITION_SLICE -> new PartitionSlice();
            case CREATE_TOPIC -> new CreateTopicProcessor();
            case LOG_SEGMENT -> new LogSegment();
            case TRUNCATE -> new TruncateProcessor();
            case RETENTION -> new RetentionProcessor();
            case CONFIGURE -> new ConfigureProcessor();
            case TIMESTAMP_LOOKUP -> new TimestampLookupProcessor();
            case DELETE_PARTITION -> new DeletePartitionProcessor();
            case OFFER_REPLICA -> new OfferReplicaProcessor();
            case UPDATE_TOPIC -> new UpdateTopicProcessor();
            case DELETE_TOPIC -> new DeleteTopicProcessor();
            case SHARE_PARTITION -> new SharePartition();
            case SHARE_REPLY -> new ShareReply();
            case SHARE -> new ShareProcessor();
            case APPLY_SHARE_STATE -> new ApplyShareStateProcessor();
            case SHARE_BROWSE -> new ShareBrowseProcessor();
            case SEARCH -> new SearchProcessor();
            case SEARCH_REPLY -> new SearchReply();
            case SHARE_SUMMARY -> new ShareSummaryProcessor();
            case CONFIRM_BACKUP -> new ConfirmBackupProcessor();
            case APPEND_ANNOUNCED -> new AppendAnnounced();
            case SHARE_PUSH -> new SharePush();
            case READ_OR_WAIT -> new ReadOrWaitProcessor();
            case READ_PUSH -> new ReadPush();
            default -> null;
        };
    }
}
