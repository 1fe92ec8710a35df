package io.partitionmq.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.shop.OrderBook;
import com.example.shop.Payments;
import com.example.shop.PriceAudit;
import com.example.shop.PriceBoard;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example shop on a real Payara Micro with the PartitionMQ adapter and broker deployed: an injected
 * connection factory sends, the shop's message-driven beans receive.
 */
@ExtendWith(ArquillianExtension.class)
class ShopOnPayaraMicroIT {
    private static final long WAIT_MILLIS = 60_000;
    /** The pool's --maxpoolsize in config/post-boot-commands.asadmin. */
    private static final int MAX_POOL_SIZE = 16;

    @Deployment
    static WebArchive shop() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("example.war",
                "target/payara/example-shop.war")));
    }

    @Resource(lookup = "jms/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/orders")
    Queue orders;

    @Resource(lookup = "jms/prices")
    Topic prices;

    @Inject
    OrderBook orderBook;

    @Inject
    PriceBoard priceBoard;

    @Resource(lookup = "jms/payments")
    Queue payments;

    @EJB
    Payments.Ledger ledger;

    @EJB
    PriceAudit.Trail auditTrail;

    @Test
    void hundredOrdersSentThroughTheInjectedFactoryReachTheMessageDrivenBeanInOrder() throws Exception {
        List<String> sent = IntStream.range(0, 100).mapToObj(i -> "order-" + i).toList();
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(orders);
            for (String order : sent) {
                producer.send(session.createTextMessage(order));
            }
        }
        assertEquals(sent, awaitSize(orderBook::processed, sent.size()));
    }

    @Test
    void pricesPublishedToTheTopicReachTheBeanAndAnotherSubscriber() throws Exception {
        List<String> published = IntStream.range(0, 10).mapToObj(i -> "price-" + i).toList();
        List<String> heardDirectly = new ArrayList<>();
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer subscriber = session.createConsumer(prices);
            connection.start();
            try (JMSContext context = connectionFactory.createContext()) {
                published.forEach(price -> context.createProducer().send(prices, price));
            }
            for (int i = 0; i < published.size(); i++) {
                TextMessage message = (TextMessage) subscriber.receive(WAIT_MILLIS);
                assertNotNull(message, "price update " + i + " through the test's own subscription");
                heardDirectly.add(message.getText());
            }
        }
        assertEquals(published, heardDirectly);
        assertEquals(published, awaitSize(priceBoard::updates, published.size()));
        assertEquals(published, awaitSize(auditTrail::entries, published.size()),
                "the durable subscriber (an MDB with subscriptionDurability=Durable) got them too");
    }

    @Test
    void aPaymentTheBeanFailsOnIsRedeliveredAndThenSettledOnce() throws Exception {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().send(payments, "payment-1");
            context.createProducer().send(payments, "payment-2");
        }
        List<String> settled = awaitSize(ledger::settled, 2);
        assertEquals(List.of("payment-1 redelivered=true count=2", "payment-2 redelivered=true count=2"),
                settled);
    }

    @Resource(lookup = "jms/postings")
    Topic postings;

    @EJB
    com.example.shop.Postings.Journal journal;

    @Test
    void fourBeanInstancesPostEveryMovementOnceAndEachAccountsInOrder() throws Exception {
        int accounts = 8;
        int perAccount = 25;
        try (JMSContext context = connectionFactory.createContext()) {
            for (int movement = 0; movement < perAccount; movement++) {
                for (int account = 0; account < accounts; account++) {
                    var message = context.createTextMessage("movement");
                    message.setStringProperty("JMSXGroupID", "account-" + account);
                    message.setIntProperty("movement", movement);
                    context.createProducer().send(postings, message);
                }
            }
        }
        awaitSize(() -> java.util.Collections.nCopies(journal.posted(), ""), accounts * perAccount);
        var posted = journal.byAccount();
        assertEquals(accounts, posted.size());
        List<Integer> inOrder = IntStream.range(0, perAccount).boxed().toList();
        posted.forEach((account, movements) -> assertEquals(inOrder, movements, account + " posted in order, once"));
    }

    @Test
    void aPaymentTheBeanAlwaysFailsOnEndsInTheDeadLetterQueueAfterFiveDeliveries() throws Exception {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().send(payments, "unpayable-1");
            Queue deadLetters = context.createQueue("payments.DLQ");
            try (var consumer = context.createConsumer(deadLetters)) {
                jakarta.jms.Message dead = consumer.receive(WAIT_MILLIS);
                assertNotNull(dead, "the message reached the dead-letter queue");
                assertEquals("unpayable-1", dead.getBody(String.class));
                assertEquals("not acknowledged after 5 deliveries",
                        dead.getStringProperty("JMS_PartitionMQ_DeadLetterReason"));
            }
        }
        assertTrue(ledger.settled().stream().noneMatch(entry -> entry.startsWith("unpayable")));
    }

    @Test
    void athousandSequentialSendsThroughTheInjectedFactoryShareTheFewPooledConnections() throws Exception {
        Queue pooling;
        try (JMSContext context = connectionFactory.createContext()) {
            pooling = context.createQueue("pooling");
        }
        for (int i = 0; i < 1000; i++) {
            try (JMSContext context = connectionFactory.createContext()) {
                context.createProducer().send(pooling, "request-" + i);
            }
        }
        // Each record carries the id of the physical connection that appended it.
        var logs = io.partitionmq.cluster.LocalBroker.get().orElseThrow().connect().logs();
        java.util.Set<Object> connections = new java.util.HashSet<>();
        int records = 0;
        for (int p = 0; p < logs.topic("pooling").partitions(); p++) {
            for (var record : logs.fetch("pooling", p, 0, 2_000).records()) {
                connections.add(record.headers().get("JMS_PartitionMQ_PublisherConnection"));
                records++;
            }
        }
        assertEquals(1000, records);
        assertTrue(connections.size() <= MAX_POOL_SIZE, connections.size() + " physical connections were used");
    }

    @ArquillianResource
    URL shopUrl;

    /** A client of the console's API that sends its user's credentials with each request (HTTP Basic). */
    private record LoggedIn(HttpClient client, String authorization) {
        <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
                throws java.io.IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", authorization).build(), body);
        }
    }

    /** Logs in as one of the users set in arquillian.xml. */
    private static LoggedIn as(String user, String password) {
        return new LoggedIn(HttpClient.newHttpClient(), "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    @org.jboss.arquillian.container.test.api.RunAsClient
    void aPersonUsesTheConsoleInChromium() {
        ConsoleScenario.run("http://127.0.0.1:" + shopUrl.getPort(), Integer.getInteger("it.client.port"),
                java.nio.file.Path.of(System.getProperty("it.screenshots", "target/screenshots")));
    }

    @Test
    void readinessReflectsTheClusterAndMetricsArePrometheusText() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String server = "http://127.0.0.1:" + shopUrl.getPort();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(server + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"partitionsWithoutOwner\":\"0\""), ready.body());
        assertTrue(ready.body().contains("\"clusterMembers\":\"1\""), ready.body());

        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().send(context.createQueue("metered"), "counted");
            context.createProducer().send(context.createQueue("metered"), "waiting");
            try (JMSConsumer consumer = context.createConsumer(context.createQueue("metered"))) {
                assertEquals("counted", consumer.receiveBody(String.class, WAIT_MILLIS));
            }
        }
        as("it-viewer", "it-viewer-secret").send(HttpRequest.newBuilder(URI.create(server + "/api/topics")).build(),
                HttpResponse.BodyHandlers.ofString());
        // Per-topic figures are taken every 15 s.
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        String metrics = "";
        while (System.currentTimeMillis() < deadline
                && !metrics.matches("(?s).*partitionmq_share_group_backlog\\{[^}]*topic=\"metered\".*")) {
            metrics = http.send(HttpRequest.newBuilder(URI.create(server + "/metrics?scope=application")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Thread.sleep(1_000);
        }
        assertTrue(metrics.contains("partitionmq_cluster_members"), metrics);
        assertTrue(metrics.contains("partitionmq_log_partitions_under_replicated"), metrics);
        assertTrue(metrics.matches("(?s).*partitionmq_topic_records_appended\\{[^}]*topic=\"metered\"[^}]*} 2(\\.0)?\\n.*"),
                metrics);
        assertTrue(metrics.matches("(?s).*partitionmq_topic_records_delivered\\{[^}]*topic=\"metered\"[^}]*} [12](\\.0)?\\n.*"),
                "the consumer was handed one record, perhaps two (it fetches ahead): " + metrics);
        assertTrue(metrics.matches("(?s).*partitionmq_share_group_backlog\\{[^}]*topic=\"metered\"[^}]*} 1(\\.0)?\\n.*"),
                "one record is left for the queue's consumers: " + metrics);
        assertTrue(metrics.contains("partitionmq_admin_request_seconds"), metrics);
        assertTrue(metrics.contains("partitionmq_broker_info{broker=\"" + io.partitionmq.cluster.LocalBroker.get()
                .orElseThrow().id() + "\""), "the metrics name the broker: " + metrics);
    }

    @Test
    void theApiNeedsALoginAndAViewerMayLookButNotChange() throws Exception {
        String api = "http://127.0.0.1:" + shopUrl.getPort() + "/api";
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api + "/topics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.body().contains("\"error\":\"unauthorized\""), anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));

        LoggedIn viewer = as("it-viewer", "it-viewer-secret");
        HttpResponse<String> me = viewer.send(HttpRequest.newBuilder(URI.create(api + "/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"role\":\"viewer\""), me.body());
        assertEquals(200, viewer.send(HttpRequest.newBuilder(URI.create(api + "/topics")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> change = viewer.send(json(api + "/topics", "POST",
                "{\"name\":\"viewers-topic\",\"partitions\":1}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, change.statusCode(), change.body());
        assertTrue(change.body().contains("\"error\":\"forbidden\""), change.body());

        HttpResponse<String> wrong = as("it-admin", "not-the-password").send(HttpRequest.newBuilder(
                URI.create(api + "/topics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());
    }

    @Test
    void eachChangeThroughTheApiNeedsItsPermissionFromTheGrantsOfTheCallersRole() throws Exception {
        String api = "http://127.0.0.1:" + shopUrl.getPort() + "/api";
        LoggedIn builder = as("it-builder", "it-builder-secret");
        LoggedIn auditor = as("it-auditor", "it-auditor-secret");
        HttpResponse.BodyHandler<String> text = HttpResponse.BodyHandlers.ofString();

        assertEquals(201, builder.send(json(api + "/topics", "POST", "{\"name\":\"audit.trail\",\"partitions\":1}"),
                text).statusCode(), "create on audit.*");
        HttpResponse<String> outside = builder.send(json(api + "/topics", "POST",
                "{\"name\":\"payroll\",\"partitions\":1}"), text);
        assertEquals(403, outside.statusCode(), outside.body());
        assertTrue(outside.body().contains("may not create on 'payroll'"), outside.body());
        assertEquals(201, builder.send(json(api + "/topics/audit.trail/messages", "POST", "{\"text\":\"checked\"}"),
                text).statusCode(), "send on audit.*");

        String messages = api + "/topics/audit.trail/partitions/0/messages";
        assertEquals(403, builder.send(HttpRequest.newBuilder(URI.create(messages)).build(), text).statusCode(),
                "a builder may not browse");
        HttpResponse<String> browsed = auditor.send(HttpRequest.newBuilder(URI.create(messages)).build(), text);
        assertEquals(200, browsed.statusCode(), browsed.body());
        assertTrue(browsed.body().contains("checked"), browsed.body());
        assertEquals(403, auditor.send(json(api + "/topics/audit.trail/messages", "POST", "{\"text\":\"no\"}"),
                text).statusCode(), "an auditor may not send");

        for (LoggedIn refused : List.of(builder, auditor)) {
            assertEquals(403, refused.send(json(api + "/topics/audit.trail/config", "PATCH",
                    "{\"retention.ms\":\"60000\"}"), text).statusCode(), "changing settings needs admin");
            assertEquals(403, refused.send(json(api + "/topics/audit.trail/partitions/0/delete-records", "POST",
                    "{\"before\":1}"), text).statusCode(), "deleting records needs delete");
            HttpResponse<String> delete = refused.send(HttpRequest.newBuilder(URI.create(api + "/topics/audit.trail"))
                    .DELETE().build(), text);
            assertEquals(403, delete.statusCode(), delete.body());
            assertTrue(delete.body().contains("\"error\":\"forbidden\""), delete.body());
        }
        assertEquals(204, as("it-admin", "it-admin-secret").send(HttpRequest.newBuilder(
                URI.create(api + "/topics/audit.trail")).DELETE().build(), text).statusCode(), "an admin may");
    }

    @Resource(lookup = "jms/invoices")
    Queue invoices;

    @Inject
    jakarta.servlet.ServletContext shop;

    @Test
    void aRestCallWhoseTransactionFailsSendsNothingAndOneThatCommitsSendsAll() throws Exception {
        LoggedIn http = as("it-admin", "it-admin-secret");
        String api = "http://127.0.0.1:" + shopUrl.getPort() + shop.getContextPath() + "/api/invoices";
        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create(api
                + "?run=failed&count=10&failAfterSending=true")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(409, failed.statusCode(), failed.body());
        HttpResponse<String> committed = http.send(HttpRequest.newBuilder(URI.create(api
                + "?run=committed&count=10")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, committed.statusCode(), committed.body());

        List<String> received = new ArrayList<>();
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(invoices);
            connection.start();
            for (TextMessage message = (TextMessage) consumer.receive(WAIT_MILLIS); message != null;
                    message = (TextMessage) consumer.receive(2_000)) {
                received.add(message.getText());
            }
        }
        received.sort(null);
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "committed-" + i).sorted().toList(), received,
                "all ten of the committed run, none of the failed one");
    }

    @Test
    void theAdminApiManagesTopicsAndAnswersBadRequestsWithJson() throws Exception {
        LoggedIn http = as("it-admin", "it-admin-secret");
        String api = "http://127.0.0.1:" + shopUrl.getPort() + "/api/topics";
        HttpResponse<String> created = http.send(json(api, "POST", "{\"name\":\"admin-it\",\"partitions\":2}"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String brokerId = io.partitionmq.cluster.LocalBroker.get().orElseThrow().id();
        assertTrue(created.body().contains("\"leader\":\"" + brokerId + "\""), created.body());
        assertTrue(created.body().contains("\"underReplicated\":true"),
                "one broker cannot hold the backups backup-count 1 asks for: " + created.body());
        HttpResponse<String> altered = http.send(json(api + "/admin-it/config", "PATCH",
                "{\"retention.ms\":\"3600000\"}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, altered.statusCode(), altered.body());
        assertTrue(altered.body().contains("\"retention.ms\":\"3600000\""), altered.body());
        HttpResponse<String> grown = http.send(json(api + "/admin-it/partitions", "POST", "{\"partitions\":3}"),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(grown.body().contains("\"partitions\":3"), grown.body());

        HttpResponse<String> badConfig = http.send(json(api + "/admin-it/config", "PATCH",
                "{\"retention.hours\":\"1\"}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badConfig.statusCode());
        assertTrue(badConfig.body().contains("unknown topic config 'retention.hours'"), badConfig.body());
        HttpResponse<String> zero = http.send(json(api, "POST", "{\"name\":\"zero\",\"partitions\":0}"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, zero.statusCode());
        assertTrue(zero.body().startsWith("{") && zero.body().contains("at least one partition"), zero.body());

        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(api + "/admin-it")).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, deleted.statusCode());
        HttpResponse<String> gone = http.send(HttpRequest.newBuilder(URI.create(api + "/admin-it")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, gone.statusCode());
        assertTrue(gone.body().contains("does not exist"), gone.body());
    }

    @Test
    void theAdminApiShowsAConsumerGroupsLagAndResetsItsOffsetsOnlyWhenItIsEmpty() throws Exception {
        var broker = io.partitionmq.cluster.LocalBroker.get().orElseThrow().connect();
        var topic = broker.logs().createTopic("lagging", 1);
        for (int i = 0; i < 5; i++) {
            broker.logs().append(topic, 0, List.of(new io.partitionmq.log.ProducerRecord(null, java.util.Map.of(),
                    new byte[] {(byte) i})));
        }
        var member = broker.groups().join("auditors", null, List.of("lagging"),
                io.partitionmq.group.AssignmentStrategy.RANGE, java.time.Duration.ofMinutes(1));
        broker.groups().commit("auditors", member.memberId(), member.generation(),
                java.util.Map.of(new io.partitionmq.group.TopicPartition("lagging", 0), 2L), "");

        LoggedIn http = as("it-admin", "it-admin-secret");
        String api = "http://127.0.0.1:" + shopUrl.getPort() + "/api/groups";
        HttpResponse<String> group = http.send(HttpRequest.newBuilder(URI.create(api + "/auditors")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, group.statusCode(), group.body());
        assertTrue(group.body().contains("\"totalLag\":3"), group.body());
        HttpResponse<String> busy = http.send(json(api + "/auditors/reset", "POST",
                "{\"to\":\"earliest\",\"dryRun\":false}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, busy.statusCode(), busy.body());
        HttpResponse<String> dryRun = http.send(json(api + "/auditors/reset", "POST",
                "{\"to\":\"shift\",\"value\":-1}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, dryRun.statusCode(), dryRun.body());
        assertTrue(dryRun.body().contains("\"offset\":1") && dryRun.body().contains("\"dryRun\":true"),
                dryRun.body());
        broker.groups().leave("auditors", member.memberId());
        HttpResponse<String> done = http.send(json(api + "/auditors/reset", "POST",
                "{\"to\":\"latest\",\"dryRun\":false}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, done.statusCode(), done.body());
        assertEquals(5L, broker.groups().committed("auditors", new io.partitionmq.group.TopicPartition("lagging", 0))
                .getAsLong());
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(api + "/nobody")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void theAdminApiPagesTopicsAndBrowsesMessagesFilteredByASelectorOnTheBroker() throws Exception {
        try (JMSContext context = connectionFactory.createContext()) {
            Topic topic = context.createTopic("browsed");
            for (int i = 0; i < 30; i++) {
                TextMessage message = context.createTextMessage("{\"order\":" + i + "}");
                message.setStringProperty("region", i % 3 == 0 ? "north" : "south");
                message.setIntProperty("index", i);
                context.createProducer().send(topic, message);
            }
        }
        var broker = io.partitionmq.cluster.LocalBroker.get().orElseThrow().connect();
        int partition = java.util.stream.IntStream.range(0, broker.logs().findTopic("browsed").orElseThrow()
                .partitions()).filter(p -> broker.logs().summary("browsed", p).endOffset() > 0).findFirst()
                .orElseThrow();
        LoggedIn http = as("it-admin", "it-admin-secret");
        String base = "http://127.0.0.1:" + shopUrl.getPort() + "/api/topics";
        String messages = base + "/browsed/partitions/" + partition + "/messages?limit=3&selector="
                + java.net.URLEncoder.encode("region = 'north'", java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> newest = http.send(HttpRequest.newBuilder(URI.create(messages)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, newest.statusCode(), newest.body());
        assertTrue(newest.body().contains("\"index\":27") && newest.body().contains("\"index\":21")
                && !newest.body().contains("\"index\":18"), "the three newest northern orders: " + newest.body());
        assertTrue(newest.body().contains("\"type\":\"TextMessage\"") && newest.body().contains("{\\\"order\\\":27}"),
                newest.body());
        HttpResponse<String> oldest = http.send(HttpRequest.newBuilder(URI.create(messages + "&order=oldest"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(oldest.body().contains("\"index\":0,") || oldest.body().contains("\"index\":0}"),
                oldest.body());
        HttpResponse<String> badSelector = http.send(HttpRequest.newBuilder(URI.create(base
                + "/browsed/partitions/" + partition + "/messages?selector=region%20%3D")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badSelector.statusCode(), badSelector.body());
        assertTrue(badSelector.body().startsWith("{"), badSelector.body());

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "?search=BROWS&limit=1"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().startsWith("[") && page.body().contains("\"name\":\"browsed\""), page.body());
        assertEquals("1", page.headers().firstValue("X-Total-Count").orElse(""), "one topic matches the search");
        HttpResponse<String> badPage = http.send(HttpRequest.newBuilder(URI.create(base + "?offset=-1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badPage.statusCode(), badPage.body());

        String brokerId = io.partitionmq.cluster.LocalBroker.get().orElseThrow().id();
        HttpResponse<String> brokers = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + shopUrl.getPort() + "/api/brokers")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, brokers.statusCode(), brokers.body());
        assertTrue(brokers.body().contains("\"id\":\"" + brokerId + "\"")
                && brokers.body().contains("\"local\":true"), brokers.body());

        HttpResponse<String> sent = http.send(json(base + "/probes/messages", "POST",
                "{\"text\":\"hello\",\"properties\":{\"region\":\"east\"},\"groupId\":\"g1\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, sent.statusCode(), sent.body());
        assertTrue(sent.body().contains("\"messageId\":\"ID:"), sent.body());
        int probePartition = java.util.stream.IntStream.range(0, broker.logs().findTopic("probes").orElseThrow()
                .partitions()).filter(p -> broker.logs().summary("probes", p).endOffset() > 0).findFirst()
                .orElseThrow();
        HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create(base + "/probes/partitions/"
                + probePartition + "/messages")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(probe.body().contains("\"body\":\"hello\"") && probe.body().contains("\"region\":\"east\""),
                probe.body());
        HttpResponse<String> trimmed = http.send(json(base + "/browsed/partitions/" + partition + "/delete-records",
                "POST", "{\"before\":10}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, trimmed.statusCode(), trimmed.body());
        assertTrue(trimmed.body().contains("\"startOffset\":10"), trimmed.body());
        HttpResponse<String> beyond = http.send(json(base + "/browsed/partitions/" + partition + "/delete-records",
                "POST", "{\"before\":1000}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, beyond.statusCode(), beyond.body());

        HttpResponse<String> shares = http.send(HttpRequest.newBuilder(URI.create(base + "/orders/share-groups"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, shares.statusCode(), shares.body());
        assertTrue(shares.body().contains("\"group\":\"orders\"") && shares.body().contains("\"deadLettered\":"),
                shares.body());
        HttpResponse<String> noShares = http.send(HttpRequest.newBuilder(URI.create(base + "/nowhere/share-groups"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, noShares.statusCode(), noShares.body());

        HttpResponse<String> openApi = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + shopUrl.getPort() + "/openapi")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, openApi.statusCode());
        assertTrue(openApi.body().contains("PartitionMQ admin API")
                && openApi.body().contains("/api/topics/{name}/partitions/{partition}/messages"), openApi.body());
    }

    private static HttpRequest json(String url, String method, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Waits until the list has at least {@code size} entries (or the wait runs out) and returns it. */
    private static List<String> awaitSize(Supplier<List<String>> list, int size) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        List<String> current = list.get();
        while (current.size() < size && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            current = list.get();
        }
        return current;
    }
}
