package io.partitionmq.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * How long the admin API takes to answer, per resource (topics, groups, brokers, me): the MicroProfile Metrics
 * timer {@code partitionmq_admin_request_seconds} at {@code /metrics}.
 */
@Provider
@ApplicationScoped
public class RequestTiming implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = RequestTiming.class.getName() + ".started";

    @Inject
    MetricRegistry registry;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        String path = request.getUriInfo().getPath();
        String resource = path.replaceFirst("^/", "").split("/", 2)[0];
        registry.timer("partitionmq_admin_request", new Tag("resource", resource.isEmpty() ? "root" : resource))
                .update(Duration.ofNanos(System.nanoTime() - started));
    }
}
