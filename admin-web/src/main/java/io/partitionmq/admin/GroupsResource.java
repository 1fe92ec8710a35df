package io.partitionmq.admin;

import io.partitionmq.access.Permission;
import io.partitionmq.group.OffsetReset;
import io.partitionmq.group.TopicPartition;
import io.partitionmq.server.GroupAdministration;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Consumer groups: list with lag, describe, reset offsets (with a dry run). */
@Path("groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupsResource {
    @Inject
    GroupAdministration groups;

    @Inject
    ApiAccess access;

    /** The result of a reset: the offsets that were (or would be) committed. */
    public record ResetResult(boolean dryRun, List<Map<String, Object>> offsets) {
    }

    @GET
    public List<GroupView> list() {
        return groups.names().stream().map(name -> GroupView.of(groups.describe(name))).toList();
    }

    @GET
    @Path("{name}")
    public GroupView get(@PathParam("name") String name) {
        return GroupView.of(groups.describe(name));
    }

    @POST
    @Path("{name}/reset")
    public ResetResult reset(@PathParam("name") String name, OffsetResetRequest request) {
        if (request == null || request.to() == null) {
            throw new BadRequestException("send where to reset, e.g. {\"to\": \"earliest\", \"dryRun\": true}");
        }
        OffsetReset.Kind kind = OffsetReset.kind(request.to());
        if (request.value() == null && kind != OffsetReset.Kind.EARLIEST && kind != OffsetReset.Kind.LATEST) {
            throw new BadRequestException("a reset to " + request.to() + " needs a value");
        }
        boolean dryRun = request.dryRun() == null || request.dryRun();
        OffsetReset reset = new OffsetReset(kind, request.value() == null ? 0 : request.value());
        // Moving a group's offsets administers each topic it reads: the dry run names them.
        Map<TopicPartition, Long> offsets = groups.reset(name, reset, true);
        offsets.keySet().stream().map(TopicPartition::topic).distinct()
                .forEach(topic -> access.require(Permission.ADMIN, topic));
        if (!dryRun) {
            offsets = groups.reset(name, reset, false);
        }
        return new ResetResult(dryRun, offsets.entrySet().stream().map(e -> Map.<String, Object>of(
                "topic", e.getKey().topic(), "partition", e.getKey().partition(), "offset", e.getValue())).toList());
    }
}
