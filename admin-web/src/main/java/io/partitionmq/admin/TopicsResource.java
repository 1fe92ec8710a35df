package io.partitionmq.admin;

import io.partitionmq.access.Permission;
import io.partitionmq.server.GroupAdministration;
import io.partitionmq.server.MessageBrowsing;
import io.partitionmq.server.TestMessages;
import io.partitionmq.server.TopicAdministration;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.Map;

/** Topics: list, read, create, change settings, add partitions, delete. */
@Path("topics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TopicsResource {
    @Inject
    TopicAdministration topics;

    @Inject
    MessageBrowsing messages;

    @Inject
    TestMessages testMessages;

    @Inject
    GroupAdministration groups;

    @Inject
    ApiAccess access;

    private TopicView view(io.partitionmq.log.TopicDescription topic) {
        return TopicView.of(topic, topics.placement(topic));
    }

    /**
     * Topics by name, a page at a time: {@code search} keeps names containing it, {@code offset} and
     * {@code limit} choose the page; the {@code X-Total-Count} header says how many match.
     */
    @GET
    public Response list(@QueryParam("search") String search, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        TopicAdministration.TopicPage page = topics.topics(search, offset, limit);
        return Response.ok(page.topics().stream().map(this::view).toList())
                .header("X-Total-Count", page.total()).build();
    }

    /**
     * A partition's messages, newest first unless {@code order=oldest}, from an {@code offset} or a
     * {@code timestamp} (epoch ms) or the log's end (start), filtered by a JMS {@code selector} evaluated on
     * the partition's leader (looking at no more than {@link MessageBrowsing#SCAN_LIMIT} records); the reply's
     * {@code resumeAt} is the {@code offset} of the next page (outside the log once there is none).
     */
    @GET
    @Path("{name}/partitions/{partition}/messages")
    public MessageBrowsing.Page messages(@PathParam("name") String name, @PathParam("partition") int partition,
            @QueryParam("offset") Long offset, @QueryParam("timestamp") Long timestamp,
            @QueryParam("order") @DefaultValue("newest") String order, @QueryParam("selector") String selector,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        if (!order.equals("newest") && !order.equals("oldest")) {
            throw new BadRequestException("order is newest or oldest, not '" + order + "'");
        }
        access.require(Permission.BROWSE, name);
        return messages.browse(name, partition, new MessageBrowsing.Start(offset, timestamp), order.equals("newest"),
                selector, limit);
    }

    @GET
    @Path("{name}")
    public TopicView get(@PathParam("name") String name) {
        return view(topics.topic(name));
    }

    /** Changes settings: a JSON object of Kafka-named keys and values, e.g. {"retention.ms": "3600000"}. */
    @PATCH
    @Path("{name}/config")
    public TopicView alterConfig(@PathParam("name") String name, Map<String, String> changes) {
        if (changes == null || changes.isEmpty()) {
            throw new BadRequestException("send a JSON object of settings, e.g. {\"retention.ms\": \"3600000\"}");
        }
        access.require(Permission.ADMIN, name);
        return view(topics.alterConfig(name, changes));
    }

    /** Raises the partition count: {"partitions": 8}. */
    @POST
    @Path("{name}/partitions")
    public TopicView addPartitions(@PathParam("name") String name, NewTopic request) {
        if (request == null || request.partitions() == null) {
            throw new BadRequestException("send the new partition count, e.g. {\"partitions\": 8}");
        }
        access.require(Permission.ADMIN, name);
        return view(topics.addPartitions(name, request.partitions()));
    }

    /**
     * The topic's share groups (a queue's consumers, shared and durable subscriptions): per partition the
     * records locked to a consumer now and those a consumer could acquire; and how many were dead-lettered.
     */
    @GET
    @Path("{name}/share-groups")
    public GroupAdministration.ShareGroupsOfTopic shareGroups(@PathParam("name") String name) {
        return groups.shareGroups(name);
    }

    /** Sends a test message (a JMS text message) to the topic or queue: {"text": "...", "properties": {...}}. */
    @POST
    @Path("{name}/messages")
    public Response sendTestMessage(@PathParam("name") String name, TestMessage message) {
        if (message == null || message.text() == null) {
            throw new BadRequestException("send a JSON body such as {\"text\": \"hello\","
                    + " \"properties\": {\"region\": \"north\"}}");
        }
        access.require(Permission.SEND, name);
        String id = testMessages.send(name, message.text(),
                message.properties() == null ? Map.of() : message.properties(), message.groupId());
        return Response.status(Response.Status.CREATED).entity(Map.of("messageId", id)).build();
    }

    /** Deletes a partition's records before an offset: {"before": 1200}; answers the new start offset. */
    @POST
    @Path("{name}/partitions/{partition}/delete-records")
    public Map<String, Long> deleteRecords(@PathParam("name") String name, @PathParam("partition") int partition,
            DeleteRecords request) {
        if (request == null || request.before() == null) {
            throw new BadRequestException("send the offset to delete before, e.g. {\"before\": 1200}");
        }
        access.require(Permission.DELETE, name);
        return Map.of("startOffset", topics.deleteRecordsBefore(name, partition, request.before()));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        access.require(Permission.DELETE, name);
        topics.delete(name);
        return Response.noContent().build();
    }

    @POST
    public Response create(NewTopic request, @Context UriInfo uri) {
        if (request == null) {
            return ApiError.response(Response.Status.BAD_REQUEST, "missing_body",
                    "send a JSON body such as {\"name\": \"orders\", \"partitions\": 3}");
        }
        if (request.name() != null) {
            access.require(Permission.CREATE, request.name());
        }
        TopicView created = view(topics.create(request.name(), request.partitions()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }
}
