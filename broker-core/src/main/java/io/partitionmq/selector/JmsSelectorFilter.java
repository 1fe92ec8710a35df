package io.partitionmq.selector;

import io.partitionmq.log.Record;
import io.partitionmq.log.RecordFilter;

/**
 * A JMS message selector as a record filter, so the partition leader can evaluate it where the records live.
 * Header fields and properties are the record's headers under their JMS names; JMSDeliveryMode reads as
 * 'PERSISTENT' or 'NON_PERSISTENT', as the specification has it; JMSXDeliveryCount is the count the delivery would
 * carry.
 */
public final class JmsSelectorFilter implements RecordFilter {
    private static final long serialVersionUID = 1L;
    private static final int PERSISTENT = 2;
    /** Set on delivery, not stored with the record: the leader knows it as it hands the record out. */
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private final String selector;
    private transient Selector parsed;

    /** Parses the selector now, so that a bad one is refused before it travels. */
    public JmsSelectorFilter(String selector) {
        this.selector = selector;
        this.parsed = Selector.parse(selector);
    }

    @Override
    public boolean matches(Record record) {
        return matches(record, 1);
    }

    @Override
    public boolean matches(Record record, int deliveryCount) {
        if (parsed == null) {
            parsed = Selector.parse(selector);
        }
        return parsed.matches(name -> valueOf(record, name, deliveryCount));
    }

    private static Object valueOf(Record record, String name, int deliveryCount) {
        if (name.equals(DELIVERY_COUNT)) {
            return deliveryCount;
        }
        Object value = record.headers().get(name);
        if (name.equals("JMSDeliveryMode") && value instanceof Integer mode) {
            return mode == PERSISTENT ? "PERSISTENT" : "NON_PERSISTENT";
        }
        return value;
    }

    @Override
    public String toString() {
        return selector;
    }
}
