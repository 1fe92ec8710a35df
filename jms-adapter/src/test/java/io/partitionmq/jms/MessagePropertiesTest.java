package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jakarta Messaging 3.1, section 3.5: message properties. Each assertion is a sentence of that section. */
class MessagePropertiesTest {
    private final Message message = new PartitionMQTextMessage();

    @Test
    void propertyNamesMustObeyTheRulesForAMessageSelectorIdentifier() throws JMSException {
        message.setStringProperty("region_2", "north");
        message.setStringProperty("$amount", "7");
        assertEquals("north", message.getStringProperty("region_2"));
        for (String illegal : List.of("2region", "region-2", "with space", "")) {
            assertThrows(IllegalArgumentException.class, () -> message.setStringProperty(illegal, "x"), illegal);
        }
        for (String reserved : List.of("NULL", "true", "Between", "LIKE", "escape", "is", "not", "and", "or", "in")) {
            assertThrows(IllegalArgumentException.class, () -> message.setIntProperty(reserved, 1), reserved);
        }
        assertThrows(IllegalArgumentException.class, () -> message.setObjectProperty(null, 1));
    }

    @Test
    void propertyValuesMayBeBooleanNumericOrStringAndObjectPropertiesOnlyTheirWrappers() throws JMSException {
        message.setObjectProperty("flag", Boolean.TRUE);
        message.setObjectProperty("count", 3);
        message.setObjectProperty("label", "x");
        assertEquals(Boolean.TRUE, message.getObjectProperty("flag"));
        assertEquals(3, message.getObjectProperty("count"));
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("list", List.of(1)),
                "only objectified primitives and String may be property values");
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("chars", new char[] {'a'}));
    }

    @Test
    void aValueWrittenAsOneTypeIsReadAsAnotherAsTheConversionTableAllows() throws JMSException {
        message.setByteProperty("b", (byte) 7);
        assertEquals(7, message.getShortProperty("b"));
        assertEquals(7, message.getIntProperty("b"));
        assertEquals(7L, message.getLongProperty("b"));
        assertEquals("7", message.getStringProperty("b"));
        assertThrows(MessageFormatException.class, () -> message.getFloatProperty("b"));
        assertThrows(MessageFormatException.class, () -> message.getBooleanProperty("b"));

        message.setIntProperty("i", 70_000);
        assertThrows(MessageFormatException.class, () -> message.getShortProperty("i"), "no narrowing");
        message.setFloatProperty("f", 1.5f);
        assertEquals(1.5d, message.getDoubleProperty("f"));
        assertThrows(MessageFormatException.class, () -> message.getLongProperty("f"));
        message.setBooleanProperty("z", true);
        assertEquals("true", message.getStringProperty("z"));
        assertThrows(MessageFormatException.class, () -> message.getIntProperty("z"));
    }

    @Test
    void aStringValueIsReadAsAnyTypeByItsValueOfMethod() throws JMSException {
        message.setStringProperty("n", "42");
        assertEquals((byte) 42, message.getByteProperty("n"));
        assertEquals(42L, message.getLongProperty("n"));
        assertEquals(42.0d, message.getDoubleProperty("n"));
        message.setStringProperty("yes", "TRUE");
        assertTrue(message.getBooleanProperty("yes"));
        message.setStringProperty("word", "many");
        assertThrows(NumberFormatException.class, () -> message.getIntProperty("word"),
                "a String that is not a number is a NumberFormatException, as Integer.valueOf throws");
    }

    @Test
    void aPropertyThatIsNotSetReadsAsValueOfWithNull() throws JMSException {
        assertNull(message.getStringProperty("absent"));
        assertNull(message.getObjectProperty("absent"));
        assertFalse(message.getBooleanProperty("absent"), "Boolean.valueOf(null) is false");
        assertThrows(NumberFormatException.class, () -> message.getIntProperty("absent"));
        assertThrows(NumberFormatException.class, () -> message.getLongProperty("absent"));
        assertThrows(NumberFormatException.class, () -> message.getByteProperty("absent"));
        assertThrows(NullPointerException.class, () -> message.getFloatProperty("absent"),
                "Float.valueOf(null) throws NullPointerException");
        assertThrows(NullPointerException.class, () -> message.getDoubleProperty("absent"));
        assertFalse(message.propertyExists("absent"));
    }

    @Test
    void clearPropertiesRemovesThemAllAndLeavesTheBodyAndHeaders() throws JMSException {
        PartitionMQTextMessage text = new PartitionMQTextMessage();
        text.setText("body");
        text.setJMSType("order");
        text.setIntProperty("a", 1);
        text.setStringProperty("b", "2");
        assertEquals(List.of("a", "b"), sorted(text));
        text.clearProperties();
        assertEquals(List.of(), sorted(text));
        assertFalse(text.propertyExists("a"));
        assertEquals("body", text.getText());
        assertEquals("order", text.getJMSType());
    }

    @Test
    void thePropertyNamesDoNotIncludeTheHeaderFields() throws JMSException {
        message.setJMSCorrelationID("c-1");
        message.setLongProperty("amount", 5);
        assertEquals(List.of("amount"), sorted(message));
    }

    @Test
    void theJmsxPropertiesAClientMaySetHaveTheirTypes() throws JMSException {
        message.setStringProperty("JMSXGroupID", "customer-7");
        message.setIntProperty("JMSXGroupSeq", 3);
        assertEquals("customer-7", message.getStringProperty("JMSXGroupID"));
        assertEquals(3, message.getIntProperty("JMSXGroupSeq"));
        assertThrows(MessageFormatException.class, () -> message.setIntProperty("JMSXGroupID", 7),
                "JMSXGroupID is a String");
        assertThrows(MessageFormatException.class, () -> message.setStringProperty("JMSXGroupSeq", "first"),
                "JMSXGroupSeq is an int");
    }

    @SuppressWarnings("unchecked")
    private static List<String> sorted(Message message) throws JMSException {
        List<String> names = Collections.list(message.getPropertyNames());
        Collections.sort(names);
        return names;
    }
}
