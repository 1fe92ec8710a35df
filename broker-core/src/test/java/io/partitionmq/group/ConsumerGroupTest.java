package io.partitionmq.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.DirectConnection;
import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.log.InvalidTopicException;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.TopicMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consumer groups as their members observe them: ownership, rebalancing, committed offsets, fencing. */
class ConsumerGroupTest {
    private static final Duration SESSION = Duration.ofSeconds(1);

    @TempDir
    Path data;

    private static void produce(PartitionLogs logs, TopicMetadata topic, String prefix, int perPartition) {
        for (int p = 0; p < topic.partitions(); p++) {
            for (int i = 0; i < perPartition; i++) {
                logs.append(topic, p, List.of(new ProducerRecord(null, Map.of(),
                        (prefix + p + "-" + i).getBytes(StandardCharsets.UTF_8))));
            }
        }
    }

    private static String text(GroupConsumer.ConsumedRecord record) {
        return new String(record.record().value(), StandardCharsets.UTF_8);
    }

    @Test
    void fourMembersOwnEightPartitionsOnceEachAndAKilledMemberLosesItsShareToTheOthers() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            DirectConnection connection = brokers.get(0).connect();
            TopicMetadata topic = connection.logs().createTopic("events", 8);
            produce(connection.logs(), topic, "a", 10);
            List<GroupConsumer> members = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                members.add(new GroupConsumer(connection, "readers", List.of("events"), AssignmentStrategy.RANGE,
                        SESSION, OffsetResetPolicy.EARLIEST));
            }
            List<String> consumed = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (consumed.size() < 80 && System.currentTimeMillis() < deadline) {
                for (GroupConsumer member : members) {
                    member.poll(Duration.ofMillis(20)).forEach(r -> consumed.add(text(r)));
                }
            }
            assertEquals(80, consumed.size());
            assertEquals(80, new HashSet<>(consumed).size(), "no record went to two members");
            Set<TopicPartition> owned = new HashSet<>();
            int total = 0;
            for (GroupConsumer member : members) {
                owned.addAll(member.membership().assignment());
                total += member.membership().assignment().size();
                assertEquals(members.get(0).membership().generation(), member.membership().generation());
            }
            assertEquals(8, owned.size());
            assertEquals(8, total, "each partition has exactly one owner");
            members.forEach(GroupConsumer::commitSync);

            // The last member reads more without committing, then dies without leaving.
            GroupConsumer doomed = members.remove(3);
            List<TopicPartition> doomedPartitions = doomed.membership().assignment();
            produce(connection.logs(), topic, "b", 2);
            List<String> readByDoomed = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                doomed.poll(Duration.ofMillis(20)).forEach(r -> readByDoomed.add(text(r)));
            }
            assertEquals(doomedPartitions.size() * 2, readByDoomed.size());

            List<String> afterwards = new ArrayList<>();
            deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline && !owns(members, doomedPartitions)) {
                for (GroupConsumer member : members) {
                    member.poll(Duration.ofMillis(50)).forEach(r -> afterwards.add(text(r)));
                }
            }
            assertTrue(owns(members, doomedPartitions), "the dead member's partitions moved within its session");
            deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline && afterwards.size() < 16) {
                for (GroupConsumer member : members) {
                    member.poll(Duration.ofMillis(20)).forEach(r -> afterwards.add(text(r)));
                }
            }
            assertEquals(16, afterwards.size(), "every record after the last commit, once more: " + afterwards);
            assertTrue(afterwards.containsAll(readByDoomed), "what the dead member had not committed comes again");

            CommitFailedException zombie = assertThrows(CommitFailedException.class, doomed::commitSync);
            assertTrue(zombie.getMessage().contains("fenced"), zombie.getMessage());
        }
    }

    private static boolean owns(List<GroupConsumer> members, List<TopicPartition> partitions) {
        Set<TopicPartition> owned = new HashSet<>();
        members.forEach(m -> owned.addAll(m.membership().assignment()));
        return owned.containsAll(partitions);
    }

    @Test
    void autoCommitCommitsThePositionsReachedAtTheIntervalAndOnClose() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            DirectConnection connection = brokers.get(0).connect();
            TopicMetadata topic = connection.logs().createTopic("ticks", 1);
            produce(connection.logs(), topic, "t", 5);
            TopicPartition ticks = new TopicPartition("ticks", 0);
            GroupConsumer consumer = new GroupConsumer(connection, "auto", List.of("ticks"),
                    AssignmentStrategy.RANGE, SESSION, OffsetResetPolicy.EARLIEST)
                    .autoCommitEvery(Duration.ofMillis(200));
            int read = 0;
            long deadline = System.currentTimeMillis() + 10_000;
            while (read < 5 && System.currentTimeMillis() < deadline) {
                read += consumer.poll(Duration.ofMillis(100)).size();
            }
            assertEquals(5, read);
            deadline = System.currentTimeMillis() + 10_000;
            while (connection.groups().committed("auto", ticks).orElse(-1) != 5
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(50));
            }
            assertEquals(5L, connection.groups().committed("auto", ticks).getAsLong(),
                    "a poll after the interval committed the position the returned records reached");
            produce(connection.logs(), topic, "u", 2);
            read = 0;
            deadline = System.currentTimeMillis() + 10_000;
            while (read < 2 && System.currentTimeMillis() < deadline) {
                read += consumer.poll(Duration.ofMillis(100)).size();
            }
            consumer.close();
            assertEquals(7L, connection.groups().committed("auto", ticks).getAsLong(), "closing commits too");
            assertThrows(IllegalArgumentException.class, () -> new GroupConsumer(connection, "auto2",
                    List.of("ticks"), AssignmentStrategy.RANGE, SESSION, OffsetResetPolicy.EARLIEST)
                    .autoCommitEvery(Duration.ZERO));
        }
    }

    @Test
    void aTopicThatGainsPartitionsIsRebalancedOverTheMembers() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            DirectConnection connection = brokers.get(0).connect();
            connection.logs().createTopic("growing", 2);
            List<GroupConsumer> members = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                members.add(new GroupConsumer(connection, "growers", List.of("growing"), AssignmentStrategy.RANGE,
                        SESSION, OffsetResetPolicy.EARLIEST));
            }
            connection.logs().addPartitions("growing", 4);
            Set<TopicPartition> owned = new HashSet<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while ((owned.size() < 4 || members.stream().anyMatch(m -> m.membership().assignment().size() != 2))
                    && System.currentTimeMillis() < deadline) {
                owned.clear();
                for (GroupConsumer member : members) {
                    member.poll(Duration.ofMillis(50));
                    owned.addAll(member.membership().assignment());
                }
            }
            assertEquals(4, owned.size(), "the new partitions are owned too: " + owned);
            assertEquals(2, members.get(0).membership().assignment().size());
            assertEquals(2, members.get(1).membership().assignment().size());
        }
    }

    @Test
    void strategiesAssignEveryPartitionOnceAndStickyMovesFewWhenAMemberLeaves() {
        Map<String, Set<String>> three = Map.of("a", Set.of("t"), "b", Set.of("t"), "c", Set.of("t"));
        Map<String, Integer> partitions = Map.of("t", 7);
        for (AssignmentStrategy strategy : AssignmentStrategy.values()) {
            Map<String, List<TopicPartition>> assigned = strategy.assign(three, partitions, Map.of());
            List<TopicPartition> all = new ArrayList<>();
            assigned.values().forEach(all::addAll);
            assertEquals(7, new TreeSet<>(all).size(), strategy + " assigns each partition");
            assertEquals(7, all.size(), strategy + " assigns each partition once");
            assigned.values().forEach(list -> assertTrue(list.size() >= 2 && list.size() <= 3, strategy + ": "
                    + assigned));
        }
        assertEquals(List.of(new TopicPartition("t", 0), new TopicPartition("t", 1), new TopicPartition("t", 2)),
                AssignmentStrategy.RANGE.assign(three, partitions, Map.of()).get("a"), "range gives ranges");

        Map<String, List<TopicPartition>> before = AssignmentStrategy.STICKY.assign(three, partitions, Map.of());
        Map<String, Set<String>> two = Map.of("a", Set.of("t"), "b", Set.of("t"));
        Map<String, List<TopicPartition>> after = AssignmentStrategy.STICKY.assign(two, partitions, before);
        assertTrue(after.get("a").containsAll(before.get("a")), "a keeps what it had");
        assertTrue(after.get("b").containsAll(before.get("b")), "b keeps what it had");
        assertThrows(IllegalArgumentException.class, () -> AssignmentStrategy.parse("lottery"));
        assertEquals(AssignmentStrategy.ROUND_ROBIN, AssignmentStrategy.parse("round-robin"));
    }

    @Test
    void theGroupGoesOnWithItsCommittedStateWhenItsCoordinatorIsTerminated() {
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            DirectConnection first = brokers.get(0).connect();
            first.logs().createTopic("ledger", 2);
            GroupMembership member = first.groups().join("accounts", null, List.of("ledger"),
                    AssignmentStrategy.ROUND_ROBIN, Duration.ofMinutes(1));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            member.assignment().forEach(p -> offsets.put(p, 5L));
            first.groups().commit("accounts", member.memberId(), member.generation(), offsets, "m");

            Broker coordinator = brokers.all().stream().filter(b -> b.hazelcast().getPartitionService()
                    .getPartition("accounts").getOwner().equals(b.hazelcast().getCluster().getLocalMember()))
                    .findFirst().orElseThrow();
            coordinator.kill();
            Broker survivor = brokers.all().stream().filter(b -> b != coordinator).findFirst().orElseThrow();
            ConsumerGroups groups = survivor.connect().groups();
            assertEquals(member.generation(), groups.heartbeat("accounts", member.memberId(), member.assignment()).generation());
            assertEquals(5L, groups.committed("accounts", new TopicPartition("ledger", 0)).getAsLong());
            assertEquals(0, groups.describe("accounts").totalLag(), "the committed offsets are past the (empty) logs");
        }
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            ConsumerGroups groups = brokers.get(0).connect().groups();
            brokers.get(0).connect().logs().createTopic("small", 1);
            GroupMembership member = groups.join("g", null, List.of("small"), AssignmentStrategy.RANGE,
                    Duration.ofMinutes(1));
            assertThrows(InvalidTopicException.class, () -> groups.commit("g", member.memberId(),
                    member.generation(), Map.of(new TopicPartition("small", 4), 1L), ""));
            assertThrows(IllegalArgumentException.class, () -> groups.commit("g", member.memberId(),
                    member.generation(), Map.of(new TopicPartition("small", 0), -1L), ""));
            IllegalStateException busy = assertThrows(IllegalStateException.class,
                    () -> groups.resetOffsets("g", Map.of(new TopicPartition("small", 0), 0L)));
            assertTrue(busy.getMessage().contains("active members"), busy.getMessage());
            assertThrows(IllegalArgumentException.class, () -> groups.join("g", null, List.of(),
                    AssignmentStrategy.RANGE, Duration.ofMinutes(1)));
            groups.leave("g", member.memberId());
            groups.resetOffsets("g", Map.of(new TopicPartition("small", 0), 0L));
            assertEquals(0L, groups.committed("g", new TopicPartition("small", 0)).getAsLong());
            groups.delete("g");
            assertTrue(groups.list().isEmpty());

            GroupMembership brief = groups.join("brief", null, List.of("small"), AssignmentStrategy.RANGE,
                    Duration.ofMinutes(1));
            assertEquals(0, groups.expireEmptyGroups(Duration.ZERO), "a group with a member keeps its offsets");
            groups.leave("brief", brief.memberId());
            assertEquals(1, groups.expireEmptyGroups(Duration.ZERO), "an empty group's offsets expire");
            assertTrue(groups.list().isEmpty());
        }
    }
}
