package io.partitionmq.admin;

import io.partitionmq.access.Access;
import io.partitionmq.access.Permission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

/**
 * What the logged-in caller of the admin API may do, by the grants of their console role: the same permissions
 * the brokers apply to JMS users. A refusal becomes a 403 ({@link ApiErrors}).
 */
@RequestScoped
public class ApiAccess {
    @Inject
    SecurityContext security;

    @Inject
    ConsoleIdentityStore users;

    /** Refuses unless the caller holds the permission on the topic. */
    void require(Permission permission, String topic) {
        caller().require(permission, topic);
    }

    Access caller() {
        return users.accessOf(security.getCallerPrincipal().getName());
    }
}
