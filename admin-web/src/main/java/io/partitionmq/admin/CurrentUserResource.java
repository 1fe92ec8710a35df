package io.partitionmq.admin;

import io.partitionmq.access.Access;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Who is logged in and in which role: the console hides what the role may not do. */
@Path("me")
public class CurrentUserResource {
    @Inject
    ApiAccess access;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> me() {
        Access caller = access.caller();
        return Map.of("user", caller.user(), "role", String.join(",", caller.roles()));
    }
}
