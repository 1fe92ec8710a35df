package io.partitionmq.admin;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON body of every error the API returns: the HTTP status, a short code and what was wrong. */
public record ApiError(int status, String error, String message) {
    static Response response(Response.Status status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status.getStatusCode(), error, message)).build();
    }
}
