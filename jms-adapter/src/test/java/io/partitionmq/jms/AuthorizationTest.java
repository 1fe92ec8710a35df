package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.access.AccessPolicy;
import io.partitionmq.access.Users;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.Collections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Brokers with grants: what each user may do (send, consume, browse, create) is decided by the brokers'
 * partitionmq.roles and partitionmq.grants, and a refusal is a JMSSecurityException that says what was refused.
 */
class AuthorizationTest {
    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    @BeforeAll
    static void configureAccess() {
        BROKERS.brokers().get(0).authenticateWith(Users.parse("paula:pw, carl:pw, ada:pw, nora:pw, sam:pw"));
        BROKERS.brokers().get(0).authorizeWith(AccessPolicy.parse(
                "paula:producers, carl:consumers, ada:auditors, sam:senders",
                "producers:send|create:orders.*, consumers:consume:orders.*, auditors:browse:orders.*,"
                        + " senders:send:*"));
    }

    @Test
    void aProducerMaySendAndCreateWhereGrantedButNotConsumeOrBrowse() throws Exception {
        try (Connection paula = factory.createConnection("paula", "pw")) {
            Session session = paula.createSession();
            Queue orders = session.createQueue("orders.eu");
            session.createProducer(orders).send(session.createTextMessage("from paula"));

            JMSSecurityException consume = assertThrows(JMSSecurityException.class,
                    () -> session.createConsumer(orders));
            assertTrue(consume.getMessage().contains("'paula' may not consume on 'orders.eu'"), consume.getMessage());
            assertThrows(JMSSecurityException.class, () -> session.createBrowser(orders));
            JMSSecurityException elsewhere = assertThrows(JMSSecurityException.class,
                    () -> session.createProducer(session.createQueue("payroll")));
            assertTrue(elsewhere.getMessage().contains("may not send on 'payroll'"), elsewhere.getMessage());
        }
    }

    @Test
    void aConsumerMayReceiveButNotSendNotEvenThroughAnAnonymousProducer() throws Exception {
        send("orders.consumed", "for carl");
        try (Connection carl = factory.createConnection("carl", "pw")) {
            carl.setClientID("carls-app");
            carl.start();
            Session session = carl.createSession();
            Queue orders = session.createQueue("orders.consumed");
            TextMessage received = (TextMessage) session.createConsumer(orders).receive(10_000);
            assertEquals("for carl", received.getText());
            Topic news = session.createTopic("orders.news");
            session.createDurableSubscriber(news, "carls-news").close();
            session.unsubscribe("carls-news");

            assertThrows(JMSSecurityException.class, () -> session.createProducer(orders));
            MessageProducer anonymous = session.createProducer(null);
            JMSSecurityException refused = assertThrows(JMSSecurityException.class,
                    () -> anonymous.send(orders, session.createTextMessage("from carl")));
            assertTrue(refused.getMessage().contains("'carl' may not send on 'orders.consumed'"),
                    refused.getMessage());
        }
        try (JMSContext carl = factory.createContext("carl", "pw")) {
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> carl.createProducer().send(carl.createQueue("orders.consumed"), "from carl's context"));
        }
    }

    @Test
    void anAuditorMayBrowseButNotConsume() throws Exception {
        send("orders.audited", "for ada");
        try (Connection ada = factory.createConnection("ada", "pw")) {
            Session session = ada.createSession();
            Queue orders = session.createQueue("orders.audited");
            try (QueueBrowser browser = session.createBrowser(orders)) {
                assertEquals("for ada", ((TextMessage) Collections.list(browser.getEnumeration()).get(0)).getText());
            }
            assertThrows(JMSSecurityException.class, () -> session.createConsumer(orders));
            assertThrows(JMSSecurityException.class,
                    () -> session.createSharedDurableConsumer(session.createTopic("orders.news"), "audit"));
        }
    }

    @Test
    void sendingToATopicThatDoesNotExistNeedsThePermissionToCreateIt() throws Exception {
        send("orders.existing", "made by paula");
        try (Connection sam = factory.createConnection("sam", "pw")) {
            Session session = sam.createSession();
            session.createProducer(session.createQueue("orders.existing")).send(session.createTextMessage("ok"));
            JMSSecurityException create = assertThrows(JMSSecurityException.class,
                    () -> session.createProducer(session.createQueue("invented")));
            assertTrue(create.getMessage().contains("may not create on 'invented'"), create.getMessage());
        }
    }

    @Test
    void aUserWithoutRolesMayDoNothingButUseTheirOwnTemporaryQueues() throws Exception {
        try (Connection nora = factory.createConnection("nora", "pw")) {
            nora.start();
            Session session = nora.createSession();
            Queue orders = session.createQueue("orders.eu");
            JMSSecurityException refused = assertThrows(JMSSecurityException.class,
                    () -> session.createProducer(orders));
            assertTrue(refused.getMessage().contains("they have no role"), refused.getMessage());
            assertThrows(JMSSecurityException.class, () -> session.createConsumer(orders));
            assertThrows(JMSSecurityException.class, () -> session.createBrowser(orders));

            TemporaryQueue replies = session.createTemporaryQueue();
            session.createProducer(replies).send(session.createTextMessage("to myself"));
            assertEquals("to myself", ((TextMessage) session.createConsumer(replies).receive(10_000)).getText());
        }
    }

    @Test
    void aConnectionWithoutCredentialsIsRefusedByBrokersThatHaveUsers() throws Exception {
        JMSSecurityException refused = assertThrows(JMSSecurityException.class, factory::createConnection);
        assertTrue(refused.getMessage().contains("connect with a user name and password"), refused.getMessage());

        PartitionMQConnectionFactory withDefaults = new PartitionMQConnectionFactory(factory.getAddresses());
        withDefaults.setClusterName(factory.getClusterName());
        withDefaults.setUser("paula");
        withDefaults.setPassword("pw");
        try (Connection connection = withDefaults.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue("orders.defaults"))
                    .send(session.createTextMessage("as the default user"));
        }
        try (Connection ada = factory.createConnection("ada", "pw");
                QueueBrowser browser = ada.createSession().createBrowser(new PartitionMQQueue("orders.defaults"))) {
            assertEquals("paula", ((TextMessage) browser.getEnumeration().nextElement())
                    .getStringProperty("JMSXUserID"), "the factory's default user sent it");
        }
    }

    private void send(String queue, String text) throws Exception {
        try (JMSContext paula = factory.createContext("paula", "pw")) {
            paula.createProducer().send(paula.createQueue(queue), text);
        }
    }
}
