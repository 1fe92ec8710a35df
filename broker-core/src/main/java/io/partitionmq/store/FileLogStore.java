package io.partitionmq.store;

import io.partitionmq.log.LogStore;
import io.partitionmq.log.PartitionKey;
import io.partitionmq.log.RecordBatch;
import io.partitionmq.log.SegmentReader;
import io.partitionmq.log.TopicConfig;
import io.partitionmq.log.TopicMetadata;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Keeps a broker's partition replicas and topics in files under its data directory, as Kafka keeps its logs:
 * {@code log/<topic>-<partition>/} holds one file per segment ({@link SegmentFiles}) and {@code replica.meta}
 * (start offset, leader epoch, settings); {@code topics/<name>.topic} holds each topic's metadata. Metadata
 * files are written aside and moved into place, so a crash leaves the old or the new version, never half.
 */
public final class FileLogStore implements LogStore {
    private static final System.Logger LOG = System.getLogger(FileLogStore.class.getName());
    private static final String META = "replica.meta";
    private static final String SHARE_GROUPS = "share-groups.journal";
    /**
     * How far ahead of its data the active segment file is extended. Forcing an append that grows the file also
     * forces the new file size; within the extended length it forces only the data (measured on this kind of
     * disk: about a fifth less per fsync). A segment is cut back to its data when it is closed.
     */
    static final long PREALLOCATION = 1 << 20;

    private final Path logDir;
    private final Path topicDir;
    private final Map<StateKind, NamedFiles> states = new java.util.EnumMap<>(StateKind.class);
    private final FlushPolicy flush;
    private final Map<PartitionKey, Replica> replicas = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    /** What the store knows of one replica's files: the segment being appended to and where the data ends. */
    private static final class Replica {
        final Path dir;
        FileChannel active;
        long activeBase = -1;
        /** The length the active segment file was extended to ({@link #PREALLOCATION}). */
        long allocated;
        long end = -1;
        /** The sparse index of each segment file written since this store opened the replica, by base offset. */
        final Map<Long, SegmentIndex> indexes = new HashMap<>();
        boolean dirty;
        final StateJournal shareGroups;
        boolean shareGroupsDirty;

        Replica(Path dir) {
            this.dir = dir;
            this.shareGroups = new StateJournal(dir.resolve(SHARE_GROUPS));
        }
    }

    public FileLogStore(Path dataDir, FlushPolicy flush, Duration flushInterval) {
        this.logDir = dataDir.resolve("log");
        this.topicDir = dataDir.resolve("topics");
        states.put(StateKind.GROUP, new NamedFiles(dataDir.resolve("groups"), ".group"));
        states.put(StateKind.TRANSACTION, new NamedFiles(dataDir.resolve("transactions"), ".txn"));
        states.put(StateKind.SUBSCRIPTION, new NamedFiles(dataDir.resolve("subscriptions"), ".subscription"));
        this.flush = flush;
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(topicDir);
            for (NamedFiles kind : states.values()) {
                Files.createDirectories(kind.dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store's directories under " + dataDir, e);
        }
        if (flush != FlushPolicy.NEVER) {
            flusher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "partitionmq-store-flush");
                thread.setDaemon(true);
                return thread;
            });
            long interval = flushInterval.toMillis();
            flusher.scheduleWithFixedDelay(this::flushDirty, interval, interval, TimeUnit.MILLISECONDS);
        } else {
            flusher = null;
        }
    }

    private Replica replica(PartitionKey key) {
        return replicas.computeIfAbsent(key,
                k -> new Replica(logDir.resolve(k.topic() + "-" + k.partition())));
    }

    @Override
    public boolean append(PartitionKey key, long segmentBase, RecordBatch batch, ProducerStamp stamp) {
        Replica replica = replica(key);
        synchronized (replica) {
            if (replica.end != batch.baseOffset()) {
                return false;
            }
            try {
                if (replica.activeBase != segmentBase) {
                    openActive(replica, segmentBase);
                }
                write(replica, batch, stamp);
                replica.end = batch.nextOffset();
                written(replica);
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot persist " + key + " at offset " + batch.baseOffset(), e);
            }
        }
    }

    @Override
    public void rewrite(PartitionKey key, StoredPartition stored) {
        Replica replica = replica(key);
        synchronized (replica) {
            try {
                closeFiles(replica);
                deleteRecursively(replica.dir);
                replica.indexes.clear();
                Files.createDirectories(replica.dir);
                writeMeta(replica, stored.checkpoint());
                saveShareGroups(replica, stored.shareGroups());
                long end = stored.checkpoint().startOffset();
                for (StoredSegment segment : stored.segments()) {
                    openActive(replica, segment.baseOffset());
                    for (RecordBatch batch : segment.batches()) {
                        write(replica, batch, stored.stamps().get(batch.baseOffset()));
                    }
                    end = segment.batches().isEmpty() ? segment.baseOffset()
                            : segment.batches().get(segment.batches().size() - 1).nextOffset();
                }
                replica.end = end;
                written(replica);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot persist replica " + key, e);
            }
        }
    }

    @Override
    public void checkpoint(PartitionKey key, PartitionCheckpoint checkpoint) {
        Replica replica = replica(key);
        synchronized (replica) {
            try {
                Files.createDirectories(replica.dir);
                writeMeta(replica, checkpoint);
                List<Long> bases = segmentBases(replica.dir);
                for (int i = 0; i < bases.size(); i++) {
                    long segmentEnd = i + 1 < bases.size() ? bases.get(i + 1) : replica.end;
                    if (segmentEnd <= checkpoint.startOffset() && segmentEnd > bases.get(i)) {
                        if (bases.get(i) == replica.activeBase) {
                            closeActive(replica);
                        }
                        Files.deleteIfExists(replica.dir.resolve(SegmentFiles.fileName(bases.get(i))));
                        replica.indexes.remove(bases.get(i));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot persist the checkpoint of " + key, e);
            }
        }
    }

    @Override
    public boolean holds(PartitionKey key, long end) {
        Replica replica = replicas.get(key);
        if (replica == null) {
            return false;
        }
        synchronized (replica) {
            return replica.end == end;
        }
    }

    @Override
    public SegmentReader reader(PartitionKey key, long segmentBase, long upTo) {
        Replica replica = replicas.get(key);
        if (replica == null) {
            return null;
        }
        synchronized (replica) {
            SegmentIndex index = replica.indexes.get(segmentBase);
            return index == null || replica.end < upTo ? null
                    : index.readerUpTo(replica.dir.resolve(SegmentFiles.fileName(segmentBase)), upTo);
        }
    }

    /** Appended to the replica's share-group journal (see {@link StateJournal}). */
    @Override
    public void saveShareGroups(PartitionKey key, byte[] state) {
        Replica replica = replica(key);
        synchronized (replica) {
            try {
                saveShareGroups(replica, state);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot persist the share groups of " + key, e);
            }
        }
    }

    /**
     * Forced by the flusher every interval even at {@code always}: losing the last changes to which records
     * consumers hold and have acknowledged only delivers those records again (at-least-once). An fsync per
     * acquisition and acknowledgement tripled the fsyncs in a message's path; forcing each change soon after on
     * the flusher's thread (5 ms batches) still cost a queue's persistent latency p50 0.42 -> 0.62 ms and 4x4
     * throughput a third, its fsyncs competing with the appends'.
     */
    private void saveShareGroups(Replica replica, byte[] state) throws IOException {
        replica.shareGroups.append(state, false);
        replica.shareGroupsDirty = flush != FlushPolicy.NEVER;
    }

    @Override
    public void delete(PartitionKey key) {
        Replica replica = replica(key);
        synchronized (replica) {
            erase(key, replica);
        }
    }

    /** Forgets a replica and deletes its files; the caller holds the replica's lock. */
    private void erase(PartitionKey key, Replica replica) {
        replicas.remove(key, replica);
        try {
            closeFiles(replica);
            deleteRecursively(replica.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the files of " + key, e);
        }
    }

    @Override
    public int dropUnless(Predicate<PartitionKey> held) {
        List<PartitionKey> stored = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(logDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                PartitionKey key = keyOf(dir);
                if (key != null) {
                    stored.add(key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store under " + logDir, e);
        }
        int dropped = 0;
        for (PartitionKey key : stored) {
            Replica replica = replica(key);
            synchronized (replica) {
                // Asked under the replica's lock: a replica arriving now is written after this, and kept.
                if (held.test(key)) {
                    continue;
                }
                erase(key, replica);
                dropped++;
            }
        }
        return dropped;
    }

    @Override
    public Map<PartitionKey, StoredPartition> recover() {
        Map<PartitionKey, StoredPartition> recovered = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(logDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                PartitionKey key = keyOf(dir);
                if (key != null && Files.exists(dir.resolve(META))) {
                    recovered.put(key, recover(dir));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store under " + logDir, e);
        }
        return recovered;
    }

    /**
     * Reads one replica's files. A torn last write (a crash mid-append) ends the readable part; it was never
     * acknowledged. The store then treats the replica as not yet written: whichever replica the cluster keeps is
     * written anew on this member at its first change, so diverging copies never get appended to.
     */
    private static StoredPartition recover(Path dir) throws IOException {
        PartitionCheckpoint checkpoint = readMeta(dir.resolve(META));
        List<StoredSegment> segments = new ArrayList<>();
        Map<Long, ProducerStamp> stamps = new HashMap<>();
        for (long base : segmentBases(dir)) {
            Path file = dir.resolve(SegmentFiles.fileName(base));
            SegmentFiles.Contents contents = SegmentFiles.read(file);
            if (contents.validBytes() < Files.size(file) && !Frames.zeroFrom(file, contents.validBytes())) {
                LOG.log(Level.WARNING, "{0}: ignoring {1} bytes after the last intact batch (torn write)",
                        file, Files.size(file) - contents.validBytes());
            }
            segments.add(new StoredSegment(base, contents.batches()));
            stamps.putAll(contents.stamps());
        }
        return new StoredPartition(checkpoint, segments, StateJournal.readLatest(dir.resolve(SHARE_GROUPS)),
                stamps);
    }

    // Topics.

    @Override
    public void saveTopic(TopicMetadata topic) {
        Properties properties = new Properties();
        properties.setProperty("name", topic.name());
        properties.setProperty("partitions", Integer.toString(topic.partitions()));
        properties.setProperty("created", Long.toString(topic.createdAt()));
        topic.config().asMap().forEach(properties::setProperty);
        writeAtomically(topicDir.resolve(topic.name() + ".topic"), properties);
    }

    @Override
    public void deleteTopic(String name) {
        try {
            Files.deleteIfExists(topicDir.resolve(name + ".topic"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the metadata of topic " + name, e);
        }
    }

    @Override
    public List<TopicMetadata> recoverTopics() {
        List<TopicMetadata> topics = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(topicDir, "*.topic")) {
            for (Path file : files) {
                Properties properties = readProperties(file);
                topics.add(new TopicMetadata(properties.getProperty("name"),
                        Integer.parseInt(properties.getProperty("partitions")), configOf(properties),
                        Long.parseLong(properties.getProperty("created"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the topics under " + topicDir, e);
        }
        return topics;
    }

    // Consumer groups, transaction records, subscriptions: one file each (see NamedFiles).

    @Override
    public NamedStates states(StateKind kind) {
        return states.get(kind);
    }

    /**
     * States kept by name, one file each, replaced atomically: the file is named by a hash of the name (names
     * may be long, or hold characters a file system refuses) and starts with the name itself.
     */
    private final class NamedFiles implements NamedStates {
        private final Path dir;
        private final String suffix;

        NamedFiles(Path dir, String suffix) {
            this.dir = dir;
            this.suffix = suffix;
        }

        @Override
        public void save(String name, byte[] state) {
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            java.nio.ByteBuffer content = java.nio.ByteBuffer.allocate(4 + nameBytes.length + state.length);
            content.putInt(nameBytes.length).put(nameBytes).put(state);
            writeAtomically(fileOf(name), content.array());
        }

        @Override
        public void delete(String name) {
            try {
                Files.deleteIfExists(fileOf(name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + fileOf(name), e);
            }
        }

        @Override
        public Map<String, byte[]> recover() {
            Map<String, byte[]> states = new HashMap<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + suffix)) {
                for (Path file : files) {
                    java.nio.ByteBuffer content = java.nio.ByteBuffer.wrap(Files.readAllBytes(file));
                    byte[] name = new byte[content.getInt()];
                    content.get(name);
                    byte[] state = new byte[content.remaining()];
                    content.get(state);
                    states.put(new String(name, StandardCharsets.UTF_8), state);
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot read the states under " + dir + ": " + e, e);
            }
            return states;
        }

        private Path fileOf(String name) {
            try {
                byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(name.getBytes(StandardCharsets.UTF_8));
                return dir.resolve(java.util.HexFormat.of().formatHex(hash) + suffix);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }

    // Files.

    private void openActive(Replica replica, long base) throws IOException {
        closeActive(replica);
        Files.createDirectories(replica.dir);
        replica.active = FileChannel.open(replica.dir.resolve(SegmentFiles.fileName(base)),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        replica.activeBase = base;
        replica.allocated = replica.active.size();
    }

    private static void write(Replica replica, RecordBatch batch, ProducerStamp stamp) throws IOException {
        java.nio.ByteBuffer frame = SegmentFiles.frame(batch, stamp);
        int frameBytes = frame.remaining();
        SegmentIndex index = replica.indexes.get(replica.activeBase);
        if (index == null) {
            // A file this store did not write since it opened: appends go after its intact frames.
            index = new SegmentIndex(replica.allocated == 0 ? 0
                    : SegmentFiles.read(replica.dir.resolve(SegmentFiles.fileName(replica.activeBase))).validBytes());
            replica.indexes.put(replica.activeBase, index);
        }
        long position = index.endPosition();
        if (position + frameBytes > replica.allocated) {
            // Sets the length only: the file stays sparse, and no zeros are written or forced.
            replica.allocated = position + frameBytes + PREALLOCATION;
            Frames.write(replica.active, java.nio.ByteBuffer.allocate(1), replica.allocated - 1);
        }
        Frames.write(replica.active, frame, position);
        index.add(batch, position, frameBytes);
    }

    private void closeActive(Replica replica) throws IOException {
        if (replica.active != null) {
            SegmentIndex index = replica.indexes.get(replica.activeBase);
            if (index != null && replica.allocated > index.endPosition()) {
                replica.active.truncate(index.endPosition());
            }
            if (replica.dirty && flush != FlushPolicy.NEVER) {
                replica.active.force(false);
            }
            replica.active.close();
            replica.active = null;
            replica.activeBase = -1;
            replica.dirty = false;
        }
    }

    private void closeFiles(Replica replica) throws IOException {
        closeActive(replica);
        if (replica.shareGroupsDirty && flush != FlushPolicy.NEVER) {
            replica.shareGroups.force();
        }
        replica.shareGroups.close();
        replica.shareGroupsDirty = false;
    }

    /** Applies the flush policy after a write. */
    private void written(Replica replica) throws IOException {
        if (flush == FlushPolicy.ALWAYS) {
            replica.active.force(false);
        } else {
            replica.dirty = true;
        }
    }

    /**
     * Forces what was written since the last interval. The channels are picked under each replica's lock but
     * forced outside it, so appends go on while the disk catches up.
     */
    private void flushDirty() {
        for (Replica replica : replicas.values()) {
            List<FileChannel> dirty = new ArrayList<>(2);
            synchronized (replica) {
                if (replica.dirty && replica.active != null) {
                    dirty.add(replica.active);
                    replica.dirty = false;
                }
                if (replica.shareGroupsDirty) {
                    replica.shareGroups.channel().ifPresent(dirty::add);
                    replica.shareGroupsDirty = false;
                }
            }
            for (FileChannel channel : dirty) {
                try {
                    channel.force(false);
                } catch (ClosedChannelException e) {
                    // Closed meanwhile by a segment roll or a compaction; left to the OS, as interval allows.
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "flushing " + replica.dir + " failed; retrying next interval", e);
                    synchronized (replica) {
                        replica.dirty = true;
                        replica.shareGroupsDirty = true;
                    }
                }
            }
        }
    }

    private void writeMeta(Replica replica, PartitionCheckpoint checkpoint) {
        Properties properties = new Properties();
        properties.setProperty("start.offset", Long.toString(checkpoint.startOffset()));
        properties.setProperty("leader.epoch", Integer.toString(checkpoint.leaderEpoch()));
        checkpoint.config().asMap().forEach(properties::setProperty);
        writeAtomically(replica.dir.resolve(META), properties);
    }

    private static PartitionCheckpoint readMeta(Path file) throws IOException {
        Properties properties = readProperties(file);
        return new PartitionCheckpoint(Long.parseLong(properties.getProperty("start.offset")),
                Integer.parseInt(properties.getProperty("leader.epoch")), configOf(properties));
    }

    /** The topic settings in a file; a setting the file lacks (written before it existed) keeps its default. */
    private static TopicConfig configOf(Properties properties) {
        Map<String, String> config = new HashMap<>();
        for (String key : TopicConfig.KEYS) {
            String value = properties.getProperty(key);
            if (value != null) {
                config.put(key, value);
            }
        }
        return TopicConfig.KAFKA_DEFAULTS.with(config);
    }

    private void writeAtomically(Path file, Properties properties) {
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeAtomically(Path file, byte[] content) {
        try {
            Path pending = file.resolveSibling(file.getFileName() + ".pending");
            try (FileChannel channel = FileChannel.open(pending, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                Frames.write(channel, java.nio.ByteBuffer.wrap(content));
                // Only `always` pays an fsync per change; `interval` accepts losing the last moments in a crash
                // of every replica at once, as for the log itself.
                if (flush == FlushPolicy.ALWAYS) {
                    channel.force(true);
                }
            }
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Properties readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        return properties;
    }

    private static List<Long> segmentBases(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .map(SegmentFiles::baseOffsetOf).sorted().toList();
        }
    }

    private static PartitionKey keyOf(Path dir) {
        String name = dir.getFileName().toString();
        int dash = name.lastIndexOf('-');
        if (dash <= 0) {
            return null;
        }
        try {
            return new PartitionKey(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        for (Replica replica : replicas.values()) {
            synchronized (replica) {
                try {
                    closeFiles(replica);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "closing " + replica.dir + " failed", e);
                }
            }
        }
    }
}
