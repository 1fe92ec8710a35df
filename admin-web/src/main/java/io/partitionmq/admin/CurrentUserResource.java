package io.partitionmq.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** Who is logged in and in which role: the console hides what a viewer may not do. */
@Path("me")
public class CurrentUserResource {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> me(@Context SecurityContext security) {
        return Map.of("user", security.getUserPrincipal().getName(),
                "role", security.isUserInRole(ConsoleUsers.ADMIN) ? ConsoleUsers.ADMIN : ConsoleUsers.VIEWER);
    }
}
