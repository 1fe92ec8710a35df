package io.partitionmq.admin;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.partitionmq.access.AccessDeniedException;
import io.partitionmq.group.GroupNotEmptyException;
import io.partitionmq.group.UnknownGroupException;
import io.partitionmq.log.InvalidTopicException;
import io.partitionmq.log.NotEnoughReplicasException;
import io.partitionmq.log.TopicExistsException;
import io.partitionmq.log.UnknownTopicException;
import io.partitionmq.server.BrokerUnavailableException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Every failure becomes a JSON {@link ApiError}: a 4xx saying what was wrong with the request, or a 5xx that
 * points to the server log. No stack trace reaches the caller.
 */
@Provider
public class ApiErrors implements ExceptionMapper<Throwable> {
    private static final System.Logger LOG = System.getLogger(ApiErrors.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof AccessDeniedException) {
            return ApiError.response(Response.Status.FORBIDDEN, "forbidden", cause.getMessage());
        }
        if (cause instanceof UnknownTopicException) {
            return ApiError.response(Response.Status.NOT_FOUND, "unknown_topic", cause.getMessage());
        }
        if (cause instanceof UnknownGroupException) {
            return ApiError.response(Response.Status.NOT_FOUND, "unknown_group", cause.getMessage());
        }
        if (cause instanceof GroupNotEmptyException) {
            return ApiError.response(Response.Status.CONFLICT, "group_not_empty", cause.getMessage());
        }
        if (cause instanceof InvalidTopicException) {
            return ApiError.response(Response.Status.BAD_REQUEST, "invalid_topic", cause.getMessage());
        }
        if (cause instanceof TopicExistsException) {
            return ApiError.response(Response.Status.CONFLICT, "topic_exists", cause.getMessage());
        }
        if (cause instanceof JsonbException) {
            return ApiError.response(Response.Status.BAD_REQUEST, "malformed_json",
                    "the request body is not the JSON this endpoint expects");
        }
        if (cause instanceof IllegalArgumentException && !(cause instanceof InvalidTopicException)) {
            return ApiError.response(Response.Status.BAD_REQUEST, "bad_request", cause.getMessage());
        }
        if (cause instanceof BrokerUnavailableException) {
            return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, "broker_unavailable", cause.getMessage());
        }
        if (cause instanceof SplitBrainProtectionException) {
            return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, "cluster_too_small", "this broker reaches"
                    + " fewer brokers than partitionmq.cluster.min-size (the smaller side of a split cluster): it"
                    + " refuses changes until the cluster is whole again");
        }
        if (cause instanceof NotEnoughReplicasException) {
            return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, "not_enough_replicas", cause.getMessage());
        }
        if (cause instanceof WebApplicationException web) {
            Response.Status status = Response.Status.fromStatusCode(web.getResponse().getStatus());
            return ApiError.response(status != null ? status : Response.Status.BAD_REQUEST,
                    status != null ? status.name().toLowerCase(java.util.Locale.ROOT) : "bad_request",
                    web.getMessage());
        }
        LOG.log(Level.ERROR, "admin API request failed", failure);
        return ApiError.response(Response.Status.INTERNAL_SERVER_ERROR, "internal_error",
                "the request failed inside the broker; the server log has the details");
    }

    /** Failures whose message tells the caller what was wrong; they may arrive wrapped by CDI or JSON-B. */
    private static final List<Class<? extends Throwable>> EXPLAINED = List.of(UnknownTopicException.class,
            UnknownGroupException.class, GroupNotEmptyException.class, IllegalArgumentException.class,
            InvalidTopicException.class,
            TopicExistsException.class, JsonbException.class, BrokerUnavailableException.class,
            SplitBrainProtectionException.class, NotEnoughReplicasException.class);

    private static Throwable unwrap(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            Throwable candidate = current;
            if (EXPLAINED.stream().anyMatch(type -> type.isInstance(candidate))) {
                return candidate;
            }
        }
        return failure;
    }
}
