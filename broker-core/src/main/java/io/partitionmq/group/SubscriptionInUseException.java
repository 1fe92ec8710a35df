package io.partitionmq.group;

/**
 * A subscription with active consumers cannot be changed (another topic or selector) or deleted under them,
 * wherever in the cluster they are.
 */
public class SubscriptionInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private SubscriptionInUseException(String message) {
        super(message);
    }

    static SubscriptionInUseException changing(String subscription, int consumers) {
        return new SubscriptionInUseException("the subscription " + subscription + " has " + consumers
                + " active consumer(s) on another topic or selector; close them first");
    }

    static SubscriptionInUseException deleting(String subscription, int consumers) {
        return new SubscriptionInUseException("the subscription " + subscription + " has " + consumers
                + " active consumer(s); close them before unsubscribing");
    }
}
