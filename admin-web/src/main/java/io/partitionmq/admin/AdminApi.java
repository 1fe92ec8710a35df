package io.partitionmq.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin REST API, under /api; the console in this module is its only client besides scripts. */
@ApplicationPath("api")
public class AdminApi extends Application {
}
