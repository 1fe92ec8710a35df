package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Looks through a partition on its leader for records a filter selects, oldest or newest first, looking at no
 * more than a bounded number of records: only the matches cross the network (an operator's message search).
 */
final class SearchProcessor extends LeaderRead<SearchReply> {
    private long position;
    private boolean newestFirst;
    private RecordFilter filter;
    private int max;
    private int scanLimit;

    SearchProcessor() {
    }

    SearchProcessor(long position, boolean newestFirst, RecordFilter filter, int max, int scanLimit) {
        this.position = position;
        this.newestFirst = newestFirst;
        this.filter = filter;
        this.max = max;
        this.scanLimit = scanLimit;
    }

    @Override
    public SearchReply process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        if (log == null) {
            return new SearchReply(List.of(), position, 0, 0, 0);
        }
        long start = log.startOffset();
        long end = log.nextOffset();
        TreeSet<Long> found = new TreeSet<>();
        int scanned = 0;
        long next = newestFirst ? Math.min(position, end) - 1 : Math.max(position, start);
        while (found.size() < max && scanned < scanLimit && next >= start && next < end) {
            RecordBatch batch = log.batchHolding(next);
            List<Record> records = RecordCodec.decode(batch);
            int index = (int) (next - batch.baseOffset());
            while (found.size() < max && scanned < scanLimit && index >= 0 && index < records.size()) {
                Record record = records.get(index);
                scanned++;
                if (filter == null || filter.matches(record)) {
                    found.add(record.offset());
                }
                index += newestFirst ? -1 : 1;
                next += newestFirst ? -1 : 1;
            }
        }
        long resumeAt = newestFirst ? next + 1 : next;
        return new SearchReply(log.slicesOf(found), resumeAt, scanned, start, end);
    }

    @Override
    public int getClassId() {
        return LogTypes.SEARCH;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(position);
        out.writeBoolean(newestFirst);
        out.writeObject(filter);
        out.writeInt(max);
        out.writeInt(scanLimit);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        position = in.readLong();
        newestFirst = in.readBoolean();
        filter = in.readObject();
        max = in.readInt();
        scanLimit = in.readInt();
    }
}
