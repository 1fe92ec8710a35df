package io.partitionmq.jms;

import jakarta.jms.ConnectionMetaData;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** What a connection says of the provider. */
final class PartitionMQMetaData implements ConnectionMetaData {
    private static final String VERSION = "0.1.0";

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return "PartitionMQ";
    }

    @Override
    public String getProviderVersion() {
        return VERSION;
    }

    @Override
    public int getProviderMajorVersion() {
        return 0;
    }

    @Override
    public int getProviderMinorVersion() {
        return 1;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Enumeration getJMSXPropertyNames() {
        return Collections.enumeration(List.of(MessageCodec.GROUP_ID, "JMSXGroupSeq", MessageCodec.DELIVERY_COUNT,
                MessageCodec.USER_ID));
    }
}
