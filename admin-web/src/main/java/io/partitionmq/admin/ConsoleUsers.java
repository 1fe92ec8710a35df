package io.partitionmq.admin;

import io.partitionmq.access.AccessPolicy;
import io.partitionmq.access.Users;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Who may use the console and the admin API, and in which role: {@code name:role:{sha256}hex} or
 * {@code name:role:password}, comma-separated, where the role is {@code admin} (may do everything),
 * {@code viewer} (may look) or a role {@code partitionmq.grants} gives permissions ({@link AccessPolicy}).
 * Passwords are checked as the brokers check JMS credentials ({@link Users}).
 */
final class ConsoleUsers {
    private final Map<String, String> roles;
    private final Users passwords;

    private ConsoleUsers(Map<String, String> roles, Users passwords) {
        this.roles = Map.copyOf(roles);
        this.passwords = passwords;
    }

    /** Parses the configured list; a malformed entry or an unknown role is refused with what is wrong. */
    static ConsoleUsers parse(String configured, AccessPolicy policy) {
        Map<String, String> roles = new HashMap<>();
        StringJoiner secrets = new StringJoiner(",");
        for (String entry : configured.split(",")) {
            String[] parts = entry.trim().split(":", 3);
            if (parts.length < 3 || parts[0].isBlank() || parts[2].isEmpty()) {
                throw new IllegalArgumentException("a console user is configured as name:role:{sha256}hex or"
                        + " name:role:password, not '" + parts[0] + ":...'");
            }
            if (!policy.knowsRole(parts[1])) {
                throw new IllegalArgumentException("console user " + parts[0] + " has role '" + parts[1]
                        + "', which is neither admin nor viewer nor granted anything in partitionmq.grants");
            }
            roles.put(parts[0], parts[1]);
            secrets.add(parts[0] + ":" + parts[2]);
        }
        return new ConsoleUsers(roles, Users.parse(secrets.toString()));
    }

    /** The user's role, if the password is theirs. */
    Optional<String> roleOf(String user, String password) {
        return passwords.accepts(user, password) ? Optional.ofNullable(roles.get(user)) : Optional.empty();
    }

    /** The role of a user who has logged in. */
    String roleOf(String user) {
        return roles.get(user);
    }
}
