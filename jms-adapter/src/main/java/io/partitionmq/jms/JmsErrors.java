package io.partitionmq.jms;

import io.partitionmq.log.InvalidTopicException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

/** Turns failures of the engine and of the cluster connection into the JMS exceptions applications expect. */
final class JmsErrors {
    private JmsErrors() {
    }

    static JMSException translate(RuntimeException failure, String whileDoing) {
        JMSException translated = failure instanceof InvalidTopicException
                ? new InvalidDestinationException(failure.getMessage())
                : new JMSException(whileDoing + " failed: " + failure.getMessage());
        translated.setLinkedException(failure);
        translated.initCause(failure);
        return translated;
    }

    static JMSException unsupported(String feature) {
        return new JMSException(feature + " is not supported by this version of PartitionMQ");
    }
}
