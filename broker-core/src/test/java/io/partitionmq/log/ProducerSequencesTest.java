package io.partitionmq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What a partition remembers to answer an append sent again with its first offsets. */
class ProducerSequencesTest {
    @Test
    void anAppendSentAgainIsFoundWithItsFirstOffsetsOnlyWhileRemembered() {
        ProducerSequences sequences = new ProducerSequences();
        sequences.record(7L, new ProducerSequences.Appended(0, 100, 5_000));
        sequences.record(7L, new ProducerSequences.Appended(1, 103, 5_001));
        assertEquals(new ProducerSequences.Appended(1, 103, 5_001), sequences.find(7L, 1));
        assertNull(sequences.find(8L, 1), "another producer's sequence numbers are its own");
        for (int s = 2; s < 2 + ProducerSequences.BATCHES_PER_PRODUCER; s++) {
            sequences.record(7L, new ProducerSequences.Appended(s, 200 + s, 6_000));
        }
        assertNull(sequences.find(7L, 0), "only the latest batches of a producer are remembered");
    }

    @Test
    void theLeastRecentlyActiveProducersAreForgottenFirst() {
        ProducerSequences sequences = new ProducerSequences();
        for (long producer = 0; producer <= ProducerSequences.PRODUCERS; producer++) {
            sequences.record(producer, new ProducerSequences.Appended(0, producer, 1));
        }
        assertNull(sequences.find(0L, 0));
        assertEquals(5L, sequences.find(5L, 0).baseOffset());
    }

    @Test
    void replicasCarryTheSameMemory() throws IOException {
        ProducerSequences leader = new ProducerSequences();
        leader.record(3L, new ProducerSequences.Appended(4, 40, 400));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        leader.write(new DataOutputStream(bytes));
        ProducerSequences backup = new ProducerSequences();
        backup.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(new ProducerSequences.Appended(4, 40, 400), backup.find(3L, 4));
    }
}
