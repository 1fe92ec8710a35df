package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a {@link SearchProcessor} found: the matching records (cut from their batches) and where to go on. */
final class SearchReply implements IdentifiedDataSerializable {
    private List<RecordBatch> found;
    private long resumeAt;
    private long scanned;
    private long startOffset;
    private long endOffset;

    SearchReply() {
    }

    SearchReply(List<RecordBatch> found, long resumeAt, long scanned, long startOffset, long endOffset) {
        this.found = found;
        this.resumeAt = resumeAt;
        this.scanned = scanned;
        this.startOffset = startOffset;
        this.endOffset = endOffset;
    }

    /** The result, its records in the order the search looked at them. */
    SearchResult toResult(boolean newestFirst) {
        List<Record> records = new ArrayList<>();
        for (RecordBatch batch : found) {
            records.addAll(RecordCodec.decode(batch));
        }
        if (newestFirst) {
            Collections.reverse(records);
        }
        return new SearchResult(records, resumeAt, scanned, startOffset, endOffset);
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.SEARCH_REPLY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        RecordBatch.writeList(out, found);
        out.writeLong(resumeAt);
        out.writeLong(scanned);
        out.writeLong(startOffset);
        out.writeLong(endOffset);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        found = RecordBatch.readList(in);
        resumeAt = in.readLong();
        scanned = in.readLong();
        startOffset = in.readLong();
        endOffset = in.readLong();
    }
}
