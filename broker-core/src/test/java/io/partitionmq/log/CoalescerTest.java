package io.partitionmq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One operation in flight per key; what is submitted meanwhile leaves together, in order, within capacity. */
class CoalescerTest {
    private record Sent(String key, List<Integer> items, CompletableFuture<List<String>> reply) {
    }

    private final LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final Coalescer<String, Integer, String> coalescer = new Coalescer<>((key, items) -> {
        CompletableFuture<List<String>> reply = new CompletableFuture<>();
        sent.add(new Sent(key, items, reply));
        return reply;
    }, first -> 3);

    private Sent nextSent() throws InterruptedException {
        Sent next = sent.poll(10, TimeUnit.SECONDS);
        assertTrue(next != null, "an operation was sent");
        return next;
    }

    private static void answer(Sent operation) {
        operation.reply().complete(operation.items().stream().map(i -> operation.key() + i).toList());
    }

    @Test
    void itemsSubmittedWhileAnOperationIsOnItsWayLeaveTogetherInOrderWithinCapacity() throws Exception {
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            results.add(coalescer.submit("p0", i, 1));
        }
        Sent first = nextSent();
        assertEquals(List.of(1), first.items(), "an idle key sends at once");
        assertTrue(sent.isEmpty(), "one operation in flight per key");
        answer(first);
        Sent second = nextSent();
        assertEquals(List.of(2, 3, 4), second.items(), "the waiting items, up to the capacity");
        answer(second);
        Sent third = nextSent();
        assertEquals(List.of(5, 6), third.items());
        answer(third);
        coalescer.awaitAll();
        List<String> values = new ArrayList<>();
        for (CompletableFuture<String> result : results) {
            values.add(result.join());
        }
        assertEquals(List.of("p01", "p02", "p03", "p04", "p05", "p06"), values, "each item gets its own result");
    }

    @Test
    void keysDoNotWaitForEachOther() throws Exception {
        coalescer.submit("p0", 1, 1);
        coalescer.submit("p1", 2, 1);
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        keys.add(nextSent().key());
        keys.add(nextSent().key());
        assertEquals(List.of("p0", "p1"), keys.stream().sorted().toList());
    }

    @Test
    void aFailedOperationFailsItsItemsAndIsReportedOnce() throws Exception {
        CompletableFuture<String> lost = coalescer.submit("p0", 1, 1);
        nextSent().reply().completeExceptionally(new IllegalStateException("broker gone"));
        CompletionException failure = assertThrows(CompletionException.class, lost::join);
        assertEquals("broker gone", failure.getCause().getMessage());
        IllegalStateException reported = assertThrows(IllegalStateException.class, coalescer::awaitAll);
        assertEquals("broker gone", reported.getMessage());
        coalescer.awaitAll();
    }
}
