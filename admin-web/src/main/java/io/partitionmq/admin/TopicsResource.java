package io.partitionmq.admin;

import io.partitionmq.server.TopicAdministration;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.Map;

/** Topics: list, read, create, change settings, add partitions, delete. */
@Path("topics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TopicsResource {
    @Inject
    TopicAdministration topics;

    @GET
    public List<TopicView> list() {
        return topics.topics().stream().map(TopicView::of).toList();
    }

    @GET
    @Path("{name}")
    public TopicView get(@PathParam("name") String name) {
        return TopicView.of(topics.topic(name));
    }

    /** Changes settings: a JSON object of Kafka-named keys and values, e.g. {"retention.ms": "3600000"}. */
    @PATCH
    @Path("{name}/config")
    public TopicView alterConfig(@PathParam("name") String name, Map<String, String> changes) {
        if (changes == null || changes.isEmpty()) {
            throw new BadRequestException("send a JSON object of settings, e.g. {\"retention.ms\": \"3600000\"}");
        }
        return TopicView.of(topics.alterConfig(name, changes));
    }

    /** Raises the partition count: {"partitions": 8}. */
    @POST
    @Path("{name}/partitions")
    public TopicView addPartitions(@PathParam("name") String name, NewTopic request) {
        if (request == null || request.partitions() == null) {
            throw new BadRequestException("send the new partition count, e.g. {\"partitions\": 8}");
        }
        return TopicView.of(topics.addPartitions(name, request.partitions()));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        topics.delete(name);
        return Response.noContent().build();
    }

    @POST
    public Response create(NewTopic request, @Context UriInfo uri) {
        if (request == null) {
            return ApiError.response(Response.Status.BAD_REQUEST, "missing_body",
                    "send a JSON body such as {\"name\": \"orders\", \"partitions\": 3}");
        }
        TopicView created = TopicView.of(topics.create(request.name(), request.partitions()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }
}
