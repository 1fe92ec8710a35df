package io.partitionmq.access;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * What one user may do, as a broker decided it from its configuration ({@link AccessPolicy}): their roles and
 * those roles' grants. Travels from the broker to the connection that authenticated the user.
 *
 * @param user         the user, or null for a caller that gave no name where the brokers ask for none
 * @param roles        the user's roles
 * @param grants       what the roles may do
 * @param unrestricted true where the brokers configure no grants: every permission on every topic
 */
public record Access(String user, Set<String> roles, List<Grant> grants, boolean unrestricted)
        implements Serializable {
    /**
     * How temporary topics' names start. They need no grant but to be deleted or changed: anyone may reply to one,
     * and only the connection that made it consumes from it (the JMS library sees to that).
     */
    public static final String TEMPORARY_TOPIC_PREFIX = "tmp.";

    public Access {
        roles = Set.copyOf(roles);
        grants = List.copyOf(grants);
    }

    /** Everything, for everyone: brokers without grants configured, and applications inside a broker's server. */
    public static Access unrestricted(String user) {
        return new Access(user, Set.of(), List.of(), true);
    }

    public boolean permits(Permission permission, String topic) {
        return unrestricted || grants.stream().anyMatch(grant -> grant.covers(permission, topic))
                || topic.startsWith(TEMPORARY_TOPIC_PREFIX) && permission != Permission.DELETE
                && permission != Permission.ADMIN;
    }

    /** Refuses, saying who may not do what and why, unless a grant allows it. */
    public void require(Permission permission, String topic) {
        if (!permits(permission, topic)) {
            throw new AccessDeniedException("user '" + user + "' may not " + permission.label() + " on '" + topic
                    + "': no grant of " + (roles.isEmpty() ? "theirs (they have no role)" : "their roles " + roles)
                    + " covers it (partitionmq.grants)");
        }
    }
}
