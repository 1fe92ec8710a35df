package io.partitionmq.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.partitionmq.access.Access;
import io.partitionmq.access.AccessPolicy;
import io.partitionmq.access.Users;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Runs on a broker: whether it accepts the credentials (any, even none, if it has no users configured), and if
 * so what its policy allows the user; null if it refuses them.
 */
final class AuthenticateTask implements Callable<Access>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 2L;

    private final String user;
    private final String password;
    private transient HazelcastInstance member;

    AuthenticateTask(String user, String password) {
        this.user = user;
        this.password = password;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.member = hazelcast;
    }

    @Override
    public Access call() {
        return decide(member, user, password);
    }

    /** What the member's configuration allows the user with that password; null if it refuses them. */
    static Access decide(HazelcastInstance member, String user, String password) {
        Users users = member.getUserContext().get(Broker.USERS_KEY) instanceof Users configured ? configured
                : Users.none();
        if (users.isEmpty()) {
            return Access.unrestricted(user);
        }
        AccessPolicy policy = member.getUserContext().get(Broker.POLICY_KEY) instanceof AccessPolicy configured
                ? configured : AccessPolicy.open();
        return users.accepts(user, password) ? policy.forUser(user) : null;
    }
}
