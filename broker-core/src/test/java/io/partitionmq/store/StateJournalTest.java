package io.partitionmq.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal of snapshots behind share-group state: the last intact snapshot is the state. */
class StateJournalTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theLatestSnapshotIsTheState() throws IOException {
        Path file = dir.resolve("state.journal");
        assertNull(StateJournal.readLatest(file), "no file, no state");
        try (StateJournal journal = new StateJournal(file)) {
            journal.append(bytes("one"), false);
            journal.append(bytes("two"), false);
            journal.append(bytes("three"), true);
        }
        assertArrayEquals(bytes("three"), StateJournal.readLatest(file));
    }

    @Test
    void aTornLastSnapshotLeavesThePreviousOne() throws IOException {
        Path file = dir.resolve("state.journal");
        try (StateJournal journal = new StateJournal(file)) {
            journal.append(bytes("kept"), false);
            journal.append(bytes("torn in a crash"), false);
        }
        long size = Files.size(file);
        try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
            channel.truncate(size - 3);
        }
        assertArrayEquals(bytes("kept"), StateJournal.readLatest(file));
    }

    @Test
    void theFileIsCompactedOnceItGrowsPastItsBound() throws IOException {
        Path file = dir.resolve("state.journal");
        byte[] snapshot = new byte[64 * 1024];
        try (StateJournal journal = new StateJournal(file)) {
            for (int i = 0; i < 200; i++) {
                snapshot[0] = (byte) i;
                journal.append(snapshot, false);
            }
        }
        assertTrue(Files.size(file) <= StateJournal.COMPACT_BYTES, "the file stays bounded: " + Files.size(file));
        assertArrayEquals(snapshot, StateJournal.readLatest(file));
    }
}
