package io.partitionmq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.partitionmq.access.AccessDeniedException;
import io.partitionmq.log.NotEnoughReplicasException;
import io.partitionmq.log.UnknownTopicException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What the admin API answers for each kind of failure: a status, a code and a message, never a stack trace. */
class ApiErrorsTest {
    private final ApiErrors errors = new ApiErrors();

    private ApiError body(Response response) {
        return (ApiError) response.getEntity();
    }

    @Test
    void aWriteOnTheSmallerSideOfASplitIsServiceUnavailableAndSaysWhy() {
        Response response = errors.toResponse(new CompletionException(
                new SplitBrainProtectionException("Split brain protection exception: pmq has 1, required 2")));
        assertEquals(503, response.getStatus());
        assertEquals("cluster_too_small", body(response).error());
        assertTrue(body(response).message().contains("partitionmq.cluster.min-size"), body(response).message());
    }

    @Test
    void aWriteWhosePartitionStillLacksItsBackupsIsServiceUnavailableAndSaysWhy() {
        Response response = errors.toResponse(new CompletionException(new NotEnoughReplicasException(
                "Hazelcast partition 7 has 0 backups on listed brokers, and partitionmq.cluster.min-size 2 asks each"
                        + " write to reach 2 brokers")));
        assertEquals(503, response.getStatus());
        assertEquals("not_enough_replicas", body(response).error());
        assertTrue(body(response).message().contains("partition 7 has 0 backups"), body(response).message());
    }

    @Test
    void requestMistakesAreClientErrorsNamingTheProblem() {
        assertEquals(404, errors.toResponse(new UnknownTopicException("orders")).getStatus());
        assertEquals(403, errors.toResponse(new AccessDeniedException("alice may not delete orders")).getStatus());
        Response bad = errors.toResponse(new IllegalArgumentException("partitions must be at least 1, got 0"));
        assertEquals(400, bad.getStatus());
        assertEquals("partitions must be at least 1, got 0", body(bad).message());
    }

    @Test
    void anythingElseIsAnInternalErrorThatRevealsNothingOfTheServer() {
        Response response = errors.toResponse(new NullPointerException("secret.internal.State.field"));
        assertEquals(500, response.getStatus());
        assertEquals("internal_error", body(response).error());
        assertFalse(body(response).message().contains("secret"));
    }
}
