package io.partitionmq.remote;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a client operation that has the same effect when it runs twice (a read, or an append carrying its
 * producer stamp): a client that lost its broker in the middle of one asks another broker again.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {
}
