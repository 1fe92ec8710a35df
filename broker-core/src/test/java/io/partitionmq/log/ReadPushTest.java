package io.partitionmq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.remote.RemoteConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader that fetched a partition to its end waits on the partition's leader, which pushes it what the next
 * append brings: what a fetch from its offset would then have returned.
 */
class ReadPushTest {
    @TempDir
    Path data;

    private static ProducerRecord value(String text) {
        return new ProducerRecord(null, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> texts(FetchResult fetched) {
        return fetched.records().stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aReaderWaitingAtTheEndIsPushedTheNextAppendOnceWithOrWithoutBackups() throws Exception {
        for (int brokers : new int[] {1, 2}) {
            try (TestBrokers cluster = TestBrokers.start(brokers, data.resolve("c" + brokers));
                    RemoteConnection client = RemoteConnection.connect(cluster.clientAddresses(),
                            cluster.get(0).config().clusterName(), Duration.ofSeconds(30))) {
                PartitionLogs writer = cluster.get(0).connect().logs();
                LogOperations logs = client.logs();
                TopicMetadata topic = writer.createTopic("read-pushed", 1);
                LinkedBlockingQueue<PushedRead> pushed = new LinkedBlockingQueue<>();
                logs.receiveReads("reader", pushed::add);

                WaitingFetch never = logs.fetchOrWait("read-pushed", 0, 0, 10, null, "reader", 5_000);
                assertFalse(never.waiting(), "a partition never written to has no log on its leader to wait in");
                writer.append(topic, 0, List.of(value("zero")));
                WaitingFetch first = logs.fetchOrWait("read-pushed", 0, 0, 10, null, "reader", 5_000);
                assertEquals(List.of("zero"), texts(first.fetched()));
                assertFalse(first.waiting(), "a reader handed records does not wait");

                WaitingFetch atEnd = logs.fetchOrWait("read-pushed", 0, 1, 10, null, "reader", 5_000);
                assertTrue(atEnd.waiting() && atEnd.fetched().isEmpty(), "at the end the reader waits");
                writer.append(topic, 0, List.of(value("one"), value("two")));
                PushedRead push = pushed.poll(10, TimeUnit.SECONDS);
                assertNotNull(push, "the append was pushed to the waiting reader (" + brokers + " brokers)");
                assertEquals("read-pushed", push.topic());
                assertEquals(0, push.partition());
                assertEquals(List.of("one", "two"), texts(push.fetched()));
                assertEquals(1, push.waitedFrom());
                assertEquals(1, push.fetched().records().get(0).offset());
                assertEquals(3, push.fetched().nextOffset());

                writer.append(topic, 0, List.of(value("three")));
                assertNull(pushed.poll(500, TimeUnit.MILLISECONDS), "the push ended the wait");
                assertEquals(List.of("three"), texts(logs.fetchOrWait("read-pushed", 0, 3, 10, null, "reader", 5_000)
                        .fetched()));
            }
        }
    }

    @Test
    void theLeaderEvaluatesTheReadersFilterSoRecordsItDoesNotSelectStayThere() throws Exception {
        try (TestBrokers cluster = TestBrokers.start(1, data)) {
            PartitionLogs logs = cluster.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("read-filtered", 1);
            RecordFilter north = record -> new String(record.value(), StandardCharsets.UTF_8).startsWith("north");
            LinkedBlockingQueue<PushedRead> pushed = new LinkedBlockingQueue<>();
            logs.receiveReads("reader", pushed::add);
            logs.append(topic, 0, List.of(value("south-0"), value("north-1"), value("south-2")));

            FetchResult fetched = logs.fetchOrWait("read-filtered", 0, 0, 10, north, "reader", 5_000).fetched();
            assertEquals(List.of("north-1"), texts(fetched));
            assertEquals(3, fetched.nextOffset(), "the next fetch starts past the records looked at");

            assertTrue(logs.fetchOrWait("read-filtered", 0, 3, 10, north, "reader", 5_000).waiting());
            logs.append(topic, 0, List.of(value("south-3")));
            assertNull(pushed.poll(500, TimeUnit.MILLISECONDS), "an append the filter selects nothing of is not pushed");
            logs.append(topic, 0, List.of(value("north-4"), value("south-5")));
            PushedRead push = pushed.poll(10, TimeUnit.SECONDS);
            assertNotNull(push, "the wait went on past the skipped append");
            assertEquals(3, push.waitedFrom(), "the push follows on from where the reader's fetch ended");
            assertEquals(List.of("north-4"), texts(push.fetched()));
            assertEquals(6, push.fetched().nextOffset());
        }
    }

    @Test
    void askingAgainReplacesTheWaitAndAWaitThatRanOutIsNotPushed() throws Exception {
        try (TestBrokers cluster = TestBrokers.start(1, data)) {
            PartitionLogs logs = cluster.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("read-replaced", 1);
            logs.append(topic, 0, List.of(value("zero")));
            LinkedBlockingQueue<PushedRead> pushed = new LinkedBlockingQueue<>();
            logs.receiveReads("reader", pushed::add);

            assertTrue(logs.fetchOrWait("read-replaced", 0, 1, 10, null, "reader", 5_000).waiting());
            assertTrue(logs.fetchOrWait("read-replaced", 0, 1, 10, null, "reader", 5_000).waiting());
            logs.append(topic, 0, List.of(value("one")));
            assertEquals(List.of("one"), texts(pushed.poll(10, TimeUnit.SECONDS).fetched()));
            assertNull(pushed.poll(500, TimeUnit.MILLISECONDS), "one wait per reader and partition: one push");

            assertTrue(logs.fetchOrWait("read-replaced", 0, 2, 10, null, "reader", 1).waiting());
            Thread.sleep(50); // the wait's millisecond runs out
            logs.append(topic, 0, List.of(value("two")));
            assertNull(pushed.poll(500, TimeUnit.MILLISECONDS), "a wait that ran out is not pushed");
        }
    }
}
