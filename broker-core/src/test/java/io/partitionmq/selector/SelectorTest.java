package io.partitionmq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jakarta Messaging 3.8.1, message selectors: each assertion is a sentence of the specification. */
class SelectorTest {
    private static final Map<String, Object> MESSAGE = new HashMap<>();

    static {
        MESSAGE.put("color", "red");
        MESSAGE.put("weight", 2500);
        MESSAGE.put("price", 9.5);
        MESSAGE.put("small", (byte) 3);
        MESSAGE.put("urgent", true);
        MESSAGE.put("JMSType", "car");
        MESSAGE.put("JMSPriority", 4);
        MESSAGE.put("code", "ABC_123%");
    }

    private static boolean selects(String selector) {
        return Selector.parse(selector).matches(MESSAGE::get);
    }

    @Test
    void aSelectorIsTrueOrNotAndOnlyTrueSelects() {
        assertTrue(selects("color = 'red'"));
        assertFalse(selects("color = 'blue'"));
        assertTrue(selects("JMSType = 'car' AND color = 'red' AND weight > 2500 - 1"));
        assertTrue(selects("urgent"));
        assertTrue(selects("urgent = TRUE"));
        assertFalse(selects("NOT urgent"));
    }

    @Test
    void identifiersThatAreNotSetAreNullAndComparisonsWithNullAreUnknown() {
        assertFalse(selects("missing = 'x'"));
        assertFalse(selects("NOT (missing = 'x')"), "NOT unknown is unknown");
        assertTrue(selects("missing IS NULL"));
        assertTrue(selects("color IS NOT NULL"));
        assertTrue(selects("missing = 'x' OR color = 'red'"), "unknown OR true is true");
        assertFalse(selects("missing = 'x' AND color = 'red'"), "unknown AND true is unknown");
        assertFalse(selects("missing = 'x' OR color = 'blue'"), "unknown OR false is unknown");
    }

    @Test
    void numbersCompareAcrossTypesAndArithmeticFollowsPrecedence() {
        assertTrue(selects("small = 3"));
        assertTrue(selects("price > 9"));
        assertTrue(selects("price = 9.5"));
        assertTrue(selects("weight = 2.5E3"));
        assertTrue(selects("weight / 100 = 25"));
        assertTrue(selects("2 + 3 * 4 = 14"));
        assertTrue(selects("(2 + 3) * 4 = 20"));
        assertTrue(selects("-weight < 0"));
        assertTrue(selects("weight = 0x9C4"));
        assertTrue(selects("weight = 2500L"));
        assertFalse(selects("weight / 0 = 1"), "division by zero is unknown");
        assertFalse(selects("color > 3 OR color = 3"), "comparing a string with a number is unknown");
    }

    @Test
    void exactNumericLiteralsCoverTheRangeOfJavaLong() {
        Map<String, Object> ends = Map.of("lowest", Long.MIN_VALUE, "highest", Long.MAX_VALUE);
        assertTrue(Selector.parse("lowest = -9223372036854775808L AND highest = 9223372036854775807L")
                .matches(ends::get));
        assertTrue(Selector.parse("lowest = -9223372036854775808").matches(ends::get));
        InvalidSelectorException beyond = assertThrows(InvalidSelectorException.class,
                () -> Selector.parse("highest = 9223372036854775808"));
        assertTrue(beyond.getMessage().contains("9223372036854775808"), beyond.getMessage());
    }

    @Test
    void betweenInAndLikeWithEscape() {
        assertTrue(selects("weight BETWEEN 2000 AND 3000"));
        assertTrue(selects("weight NOT BETWEEN 1 AND 10"));
        assertTrue(selects("color IN ('red', 'green')"));
        assertTrue(selects("color NOT IN ('blue')"));
        assertFalse(selects("missing NOT IN ('blue')"), "NOT IN on null is unknown");
        assertTrue(selects("color LIKE 'r%'"));
        assertTrue(selects("color LIKE '_e_'"));
        assertFalse(selects("color LIKE 're'"));
        assertTrue(selects("code LIKE 'ABC\\_%\\%' ESCAPE '\\'"));
        assertFalse(selects("code LIKE 'ABC\\_%\\%X' ESCAPE '\\'"));
        assertTrue(selects("color NOT LIKE 'b%'"));
        assertTrue(selects("'it''s' = 'it''s'"), "a quote is doubled inside a string literal");
    }

    @Test
    void keywordsAreCaseInsensitiveAndIdentifiersAreNot() {
        assertTrue(selects("color = 'red' and NOT (weight between 1 and 2)"));
        assertFalse(selects("Color = 'red'"));
    }

    @Test
    void aSelectorThatBreaksTheGrammarIsRefusedSayingWhere() {
        InvalidSelectorException open = assertThrows(InvalidSelectorException.class,
                () -> Selector.parse("color = 'red"));
        assertTrue(open.getMessage().contains("not closed"), open.getMessage());
        assertThrows(InvalidSelectorException.class, () -> Selector.parse("color ="));
        assertThrows(InvalidSelectorException.class, () -> Selector.parse("weight + 1"), "not a condition");
        assertThrows(InvalidSelectorException.class, () -> Selector.parse("'abc'"));
        assertThrows(InvalidSelectorException.class, () -> Selector.parse("color < 'b'"));
        assertThrows(InvalidSelectorException.class, () -> Selector.parse("color IN (1, 2)"));
        assertThrows(InvalidSelectorException.class, () -> Selector.parse("5 LIKE '5'"));
        assertThrows(InvalidSelectorException.class, () -> Selector.parse("color = NULL"));
        assertThrows(InvalidSelectorException.class, () -> Selector.parse("color == 'red'"));
        assertThrows(InvalidSelectorException.class, () -> Selector.parse("color = 'red' #"));
        assertThrows(InvalidSelectorException.class, () -> Selector.parse("TRUE + 1 = 2"));
        InvalidSelectorException where = assertThrows(InvalidSelectorException.class,
                () -> Selector.parse("color = 'red' AND AND"));
        assertTrue(where.getMessage().contains("position 19"), where.getMessage());
    }

    @Test
    void theDeliveryModeReadsAsItsName() {
        JmsSelectorFilter persistent = new JmsSelectorFilter("JMSDeliveryMode = 'PERSISTENT'");
        io.partitionmq.log.Record record = new io.partitionmq.log.Record(0, 0, null,
                Map.of("JMSDeliveryMode", 2), new byte[0]);
        assertTrue(persistent.matches(record));
        assertFalse(new JmsSelectorFilter("JMSDeliveryMode = 'NON_PERSISTENT'").matches(record));
        assertEquals("JMSDeliveryMode = 'PERSISTENT'", persistent.toString());
    }
}
