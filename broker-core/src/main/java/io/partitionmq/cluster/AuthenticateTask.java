package io.partitionmq.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/** Runs on a broker: whether it accepts the credentials (any, if it has no users configured). */
final class AuthenticateTask implements Callable<Boolean>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

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
    public Boolean call() {
        Users users = member.getUserContext().get(Broker.USERS_KEY) instanceof Users configured ? configured
                : Users.none();
        return users.isEmpty() || users.accepts(user, password);
    }
}
