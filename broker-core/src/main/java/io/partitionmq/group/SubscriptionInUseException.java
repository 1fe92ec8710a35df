package io.partitionmq.group;

/** A subscription with active consumers cannot be changed (another topic or selector) under them. */
public class SubscriptionInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SubscriptionInUseException(String subscription, int consumers) {
        super("the subscription " + subscription + " has " + consumers + " active consumer(s) on another topic"
                + " or selector; close them first");
    }
}
