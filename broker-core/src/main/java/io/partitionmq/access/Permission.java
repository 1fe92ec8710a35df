package io.partitionmq.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a user may do with a topic (a JMS queue or topic is one). */
public enum Permission {
    /** Send (append) records. */
    SEND,
    /** Receive: consumers, subscriptions (durable, shared or not), consumer groups. */
    CONSUME,
    /** Look without consuming: queue browsers, the console's message view. */
    BROWSE,
    /** Create the topic. */
    CREATE,
    /** Delete the topic or its records. */
    DELETE,
    /** Change it otherwise: configuration, consumer group offsets. */
    ADMIN;

    /** The permission a configuration names, in any case; an unknown name is refused with the known ones. */
    public static Permission parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown permission '" + name.trim() + "'; the permissions are "
                    + Arrays.stream(values()).map(Permission::label).collect(Collectors.joining(", ")) + " and *");
        }
    }

    /** As configurations and messages write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
