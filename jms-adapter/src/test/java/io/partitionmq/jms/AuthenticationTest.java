package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.access.Users;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** createConnection(user, password) is checked by the brokers against their configured users. */
class AuthenticationTest {
    @TempDir
    Path data;

    @Test
    void knownUsersConnectAndWrongCredentialsAreRefused() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            // "secret" given as its SHA-256, "pw2" in the clear.
            brokers.get(0).authenticateWith(Users.parse(
                    "alice:{sha256}2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b, bob:pw2"));
            PartitionMQConnectionFactory factory = new PartitionMQConnectionFactory(brokers.clientAddressList());
            factory.setClusterName(brokers.get(0).config().clusterName());

            try (Connection alice = factory.createConnection("alice", "secret")) {
                Session session = alice.createSession();
                Queue secured = session.createQueue("secured");
                Message spoofed = session.createTextMessage("from alice");
                spoofed.setStringProperty("JMSXUserID", "mallory");
                session.createProducer(secured).send(spoofed);
                alice.start();
                Message received = session.createConsumer(secured).receive(10_000);
                assertEquals("alice", received.getStringProperty("JMSXUserID"),
                        "the provider stamps the authenticated sender, whatever the application set");
            }
            try (JMSContext bob = factory.createContext("bob", "pw2")) {
                bob.createProducer().send(bob.createQueue("secured"), "from bob");
                assertEquals("bob", bob.createConsumer(bob.createQueue("secured")).receive(10_000)
                        .getStringProperty("JMSXUserID"));
            }
            JMSSecurityException wrong = assertThrows(JMSSecurityException.class,
                    () -> factory.createConnection("alice", "guess"));
            assertTrue(wrong.getMessage().contains("alice"), wrong.getMessage());
            assertThrows(JMSSecurityException.class, () -> factory.createConnection("mallory", "secret"));
            assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("bob", "nope"));
            IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                    () -> Users.parse("carol"));
            assertTrue(malformed.getMessage().contains("name:{sha256}hex"), malformed.getMessage());
        }
    }
}
