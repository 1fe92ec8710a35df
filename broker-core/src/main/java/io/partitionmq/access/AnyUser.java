package io.partitionmq.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a client operation that every authenticated user may call: it touches no topic's records, or only what
 * the caller owns (its leases, its temporary topics, its waits).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AnyUser {
}
