package io.partitionmq.admin;

import io.partitionmq.server.TopicAdministration;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;

/** Topics: list them with each partition's end offset, create them. */
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
