package io.partitionmq.jms;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
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
                : isMinority(failure) ? new JMSException(whileDoing + " was refused: the brokers this client"
                        + " reaches are fewer than partitionmq.cluster.min-size (the smaller side of a split cluster);"
                        + " they refuse sends, receives and commits until the cluster is whole again")
                : new JMSException(whileDoing + " failed: " + failure.getMessage());
        translated.setLinkedException(failure);
        translated.initCause(failure);
        return translated;
    }

    private static boolean isMinority(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SplitBrainProtectionException) {
                return true;
            }
        }
        return false;
    }

    static JMSException unsupported(String feature) {
        return new JMSException(feature + " is not supported by this version of PartitionMQ");
    }
}
