package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Messaging 3.1, the simplified API (JMSContext, JMSProducer, JMSConsumer): its unchecked exceptions and
 * the rules that differ from the classic API, each assertion a sentence of the specification or the API's
 * documentation.
 */
class SimplifiedApiTest {
    private static final long WAIT = 10_000;

    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    @Test
    void aBodyThatCannotBeAssignedToTheTypeAskedForIsRefusedAndTheMessageDeliveredAgain() {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("simplified-bodies");
            context.createProducer().send(queue, new byte[] {1, 2, 3});
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(String.class, WAIT));
                assertArrayEquals(new byte[] {1, 2, 3}, consumer.receiveBody(byte[].class, WAIT),
                        "the message refused is not acknowledged and comes again");
            }
        }
    }

    @Test
    void aRefusedBodyIsHandedOutAgainAsIfTheCallHadNotHappenedNotAsARedelivery() throws Exception {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("simplified-refused");
            context.createProducer().send(queue, context.createMessage());
            context.createProducer().send(queue, context.createStreamMessage());
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Object.class, WAIT),
                        "a message without a body has none to return");
                Message again = consumer.receive(WAIT);
                assertFalse(again.getJMSRedelivered());
                assertEquals(1, again.getIntProperty("JMSXDeliveryCount"));
                assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Object.class, WAIT),
                        "a StreamMessage's body is never returned whole");
                assertTrue(consumer.receive(WAIT) instanceof jakarta.jms.StreamMessage);
            }
        }
        try (JMSContext client = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Queue queue = client.createQueue("simplified-refused-client");
            client.createProducer().send(queue, 42L);
            client.createProducer().send(queue, "next");
            try (JMSConsumer consumer = client.createConsumer(queue)) {
                assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(String.class, WAIT));
                assertEquals("next", consumer.receiveBody(String.class, WAIT),
                        "with CLIENT_ACKNOWLEDGE the refused message counts as delivered");
            }
        }
    }

    @Test
    void theProducerTurnsEachBodyTypeIntoItsMessageTypeAndSetsWhatItCarries() throws Exception {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("simplified-types");
            JMSProducer producer = context.createProducer().setProperty("region", "north").setJMSType("order")
                    .setPriority(7);
            producer.send(queue, Map.of("quantity", 3));
            producer.send(queue, (String) null);
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                Message map = consumer.receive(WAIT);
                assertTrue(map instanceof MapMessage);
                assertEquals(3, ((MapMessage) map).getInt("quantity"));
                assertEquals("north", map.getStringProperty("region"));
                assertEquals("order", map.getJMSType());
                assertEquals(7, map.getJMSPriority());
                Message empty = consumer.receive(WAIT);
                assertTrue(empty instanceof TextMessage);
                assertNull(((TextMessage) empty).getText());
            }
        }
    }

    @Test
    void aProducersPropertiesFollowTheMessagePropertyRules() {
        try (JMSContext context = factory.createContext()) {
            JMSProducer producer = context.createProducer();
            assertThrows(IllegalArgumentException.class, () -> producer.setProperty("", 1));
            assertThrows(IllegalArgumentException.class, () -> producer.setProperty("not-an-identifier", 1));
            assertThrows(MessageFormatRuntimeException.class, () -> producer.setProperty("list", java.util.List.of()));
            producer.setProperty("count", 5);
            assertEquals(5L, producer.getLongProperty("count"));
            assertEquals("5", producer.getStringProperty("count"));
            assertThrows(MessageFormatRuntimeException.class, () -> producer.getBooleanProperty("count"));
            producer.clearProperties();
            assertTrue(producer.getPropertyNames().isEmpty());
        }
    }

    @Test
    void aContextStartsItsConnectionWhenAConsumerIsCreatedUnlessAutoStartIsOff() {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("simplified-start");
            context.createProducer().send(queue, "first");
            context.setAutoStart(false);
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                assertNull(consumer.receiveBody(String.class, 500), "not started: nothing is delivered");
                context.start();
                assertEquals("first", consumer.receiveBody(String.class, WAIT));
            }
        }
    }

    @Test
    void theClientIdOfAContextIsSetBeforeItIsUsedAndAClosedContextRefusesUse() {
        try (JMSContext fresh = factory.createContext()) {
            fresh.setClientID("fresh-context");
            assertEquals("fresh-context", fresh.getClientID(), "a new context has not been used yet");
        }
        JMSContext context = factory.createContext();
        context.createProducer();
        assertThrows(IllegalStateRuntimeException.class, () -> context.setClientID("too-late"));
        JMSContext sibling = context.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        assertEquals(JMSContext.CLIENT_ACKNOWLEDGE, sibling.getSessionMode(), "a context made from a context has its own mode");
        context.close();
        sibling.close();
        context.close();
        assertThrows(IllegalStateRuntimeException.class, () -> context.createQueue("closed"));
        assertThrows(IllegalStateRuntimeException.class, context::createProducer);
    }

    @Test
    void aClosedContextOrConsumerRefusesUseWithTheRuntimeIllegalState() {
        JMSContext context = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = context.createQueue("simplified-closed");
        JMSConsumer consumer = context.createConsumer(queue);
        JMSProducer producer = context.createProducer();
        TextMessage made = context.createTextMessage("made before closing");
        consumer.close();
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receiveBody(String.class, 10));
        assertThrows(IllegalStateRuntimeException.class, consumer::receiveNoWait);
        context.close();
        assertThrows(IllegalStateRuntimeException.class, () -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertThrows(IllegalStateRuntimeException.class, context::acknowledge);
        assertThrows(IllegalStateRuntimeException.class, context::commit);
        assertThrows(IllegalStateRuntimeException.class, context::createTextMessage);
        assertThrows(IllegalStateRuntimeException.class, () -> producer.send(queue, "x"));
        assertThrows(IllegalStateRuntimeException.class, () -> producer.send(queue, made));
        assertThrows(IllegalStateRuntimeException.class, () -> producer.send(queue, (Message) null),
                "a closed context says so before looking at the message");
    }

    @Test
    void aProducersBodiesAndPropertiesAreCheckedAsTheMessagesWouldBe() {
        try (JMSContext context = factory.createContext()) {
            JMSProducer producer = context.createProducer();
            Queue queue = context.createQueue("simplified-checked");
            assertThrows(MessageFormatRuntimeException.class,
                    () -> producer.send(queue, Map.of("list", java.util.List.of(1))), "a map of unsupported values");
            assertThrows(IllegalArgumentException.class, () -> producer.setProperty(null, 1));
            assertThrows(NumberFormatException.class, () -> producer.getIntProperty("absent"),
                    "a property not set reads as Integer.valueOf(null)");
            assertNull(producer.getStringProperty("absent"));
            assertEquals(3, producer.setDeliveryDelay(0).setTimeToLive(0).setProperty("n", 3).getIntProperty("n"),
                    "the setters chain");
            assertThrows(jakarta.jms.JMSRuntimeException.class, () -> producer.setDeliveryMode(7));
            assertThrows(jakarta.jms.JMSRuntimeException.class, () -> producer.setPriority(11));
        }
    }

    @Test
    void aTransactedContextSendsNothingUntilCommitAndRollbackDiscardsItsSends() {
        try (JMSContext transacted = factory.createContext(JMSContext.SESSION_TRANSACTED);
                JMSContext reader = factory.createContext()) {
            Queue queue = transacted.createQueue("simplified-transacted");
            transacted.createProducer().send(queue, "discarded");
            transacted.rollback();
            transacted.createProducer().send(queue, "kept");
            try (JMSConsumer consumer = reader.createConsumer(queue)) {
                assertNull(consumer.receiveBody(String.class, 500), "nothing before commit");
                transacted.commit();
                assertEquals("kept", consumer.receiveBody(String.class, WAIT));
                assertNull(consumer.receiveBody(String.class, 500), "the rolled back send never arrives");
            }
        }
    }
}
