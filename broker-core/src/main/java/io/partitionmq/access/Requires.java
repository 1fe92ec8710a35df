package io.partitionmq.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a parameter of a client operation: the caller needs {@link #value()} on the topics the argument names (a
 * topic name, a {@code TopicMetadata}, a prepared batch, a subscription, topic partitions, or what a
 * {@link Guarded} argument checks itself). A broker checks it before it runs an operation a remote client asked
 * for; an operation none of whose parameters is marked, and which is not {@link AnyUser}, is refused to clients.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Requires {
    Permission value();

    /** Needed only when the topic does not exist yet (looking a topic up that way creates it). */
    boolean unlessExists() default false;

    /** The argument is a subscription's id, which names the topic through the subscription. */
    boolean subscriptionId() default false;
}
