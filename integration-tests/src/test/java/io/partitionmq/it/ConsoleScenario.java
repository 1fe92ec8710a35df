package io.partitionmq.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.group.AssignmentStrategy;
import io.partitionmq.group.GroupMembership;
import io.partitionmq.group.TopicPartition;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.remote.RemoteConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a person does in the console, in a real headless Chromium: log in, create a topic, send messages, find
 * one by a selector, watch a group's lag fall while it consumes and come back after a reset to earliest, and
 * find that a viewer can change nothing. Runs on the test's side, against the broker in Payara Micro.
 */
final class ConsoleScenario {
    private static final String LAG_CELL = "#groups tr[data-group='console-readers'] td:nth-child(4)";

    private ConsoleScenario() {
    }

    static void run(String base, int clientPort, Path screenshots) {
        try (RemoteConnection broker = RemoteConnection.connect(List.of("127.0.0.1:" + clientPort), "partitionmq",
                Duration.ofSeconds(60)); Chromium chromium = new Chromium(base, screenshots)) {
            chromium.open("/");
            logIn(chromium, "it-admin", "it-admin-secret");
            chromium.awaitText("#user", "it-admin (admin)");
            chromium.awaitText("#cluster-summary", "1 broker (");
            chromium.screenshot("overview");
            chromium.click("#nav-brokers");
            chromium.awaitText("#brokers tbody", "(this one)");
            chromium.screenshot("brokers");
            chromium.click("#nav-overview");

            chromium.type("#create input[name=name]", "console-orders");
            chromium.type("#create input[name=partitions]", "1");
            chromium.click("#create button");
            chromium.awaitText("#message", "Created console-orders with 1 partitions");
            chromium.awaitText("#topics tbody", "console-orders");

            send(chromium, "blue order", "color=blue, region=north");
            send(chromium, "red order", "color=red, region=north");
            chromium.click("#topics tr[data-topic='console-orders']");
            chromium.awaitText("#topic-name", "console-orders");
            chromium.awaitText("#partitions tbody", "0");
            chromium.awaitExactText("#partitions tr[data-partition='0'] td:nth-child(5)", "2");
            chromium.type("#browse input[name=selector]", "color = 'blue'");
            chromium.click("#browse button");
            String found = chromium.awaitText("#messages tbody", "blue order");
            assertFalse(found.contains("red order"), "the selector left out the red order: " + found);
            chromium.awaitText("#browse-status", "1 shown");
            chromium.screenshot("topic");

            TopicMetadata lagging = broker.logs().createTopic("console-lag", 1, Map.of());
            for (int i = 0; i < 20; i++) {
                broker.appender().append(lagging, 0, new ProducerRecord(null, Map.of(),
                        ("reading " + i).getBytes(StandardCharsets.UTF_8))).join();
            }
            GroupMembership reader = broker.groups().join("console-readers", null, List.of("console-lag"),
                    AssignmentStrategy.RANGE, Duration.ofMinutes(1));
            TopicPartition partition = new TopicPartition("console-lag", 0);
            broker.groups().commit("console-readers", reader.memberId(), reader.generation(), Map.of(partition, 5L),
                    "");
            chromium.click("#nav-overview");
            chromium.awaitExactText(LAG_CELL, "15");
            broker.groups().commit("console-readers", reader.memberId(), reader.generation(),
                    Map.of(partition, 20L), "");
            chromium.awaitExactText(LAG_CELL, "0");
            chromium.screenshot("groups");
            broker.groups().leave("console-readers", reader.memberId());

            chromium.click("#groups tr[data-group='console-readers'] button");
            chromium.awaitText("#group-name", "console-readers");
            chromium.awaitExactText("#reset-preview tr[data-partition='console-lag/0'] td:nth-child(3)", "20");
            chromium.find("#reset select[name=to]").sendKeys("earliest");
            chromium.click("#reset button[value=preview]");
            chromium.awaitExactText("#reset-preview tr[data-partition='console-lag/0'] td:nth-child(4)", "0");
            assertEquals(20L, broker.groups().committed("console-readers", partition).getAsLong(),
                    "a preview commits nothing");
            chromium.click("#reset button[value=apply]");
            chromium.awaitExactText("#group-partitions tr[data-partition='console-lag/0'] td.lag", "20");
            assertEquals(0L, broker.groups().committed("console-readers", partition).getAsLong());
            chromium.screenshot("group");
            chromium.click("#nav-overview");
            chromium.awaitExactText(LAG_CELL, "20");

            chromium.click("#logout button");
            logIn(chromium, "it-viewer", "it-viewer-secret");
            chromium.awaitText("#user", "it-viewer (viewer)");
            chromium.awaitText("#groups tbody", "console-readers");
            assertFalse(chromium.isDisplayed("#create"), "a viewer sees no form to create topics");
            assertFalse(chromium.isDisplayed("#send"), "nor to send messages");
            assertFalse(chromium.isDisplayed("#groups tr[data-group='console-readers'] button"),
                    "nor to reset offsets");
            Object refused = chromium.script("const r = await fetch('api/topics', {method: 'POST', headers:"
                    + " {'Content-Type': 'application/json'}, body: JSON.stringify({name: 'viewers', partitions: 1})});"
                    + " return r.status;");
            assertEquals(403L, refused, "the API refuses a viewer's change too");
            chromium.screenshot("viewer");
        }
    }

    private static void logIn(Chromium chromium, String user, String password) {
        chromium.find("#login");
        assertTrue(chromium.url().contains("login.html"), "sent to the login page: " + chromium.url());
        chromium.type("#login input[name=username]", user);
        chromium.type("#login input[name=password]", password);
        chromium.click("#login button");
    }

    private static void send(Chromium chromium, String text, String properties) {
        chromium.type("#send input[name=topic]", "console-orders");
        chromium.type("#send input[name=text]", text);
        chromium.type("#send input[name=properties]", properties);
        chromium.click("#send button");
        chromium.awaitText("#send-status", "Sent ID:");
        // The status stays until the next send: clear it so the next wait sees the new one.
        chromium.script("document.querySelector('#send-status').textContent = ''; return true;");
    }
}
