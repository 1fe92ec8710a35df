package io.partitionmq.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what, from configuration. {@code partitionmq.roles} gives users their roles
 * ({@code alice:producers|auditors,bob:consumers}); {@code partitionmq.grants} gives roles permissions on topics
 * ({@code producers:send|create:orders.*,consumers:consume|browse:orders.*,ops:*:*}, where {@code *} as the
 * permissions means all of them). Two roles exist without being granted: {@code admin} (everything on every
 * topic) and {@code viewer} (browse on every topic), the console's roles; a grant to either replaces its
 * default. With no grants configured, every authenticated JMS user may do everything, as before grants existed.
 */
public final class AccessPolicy {
    /** The configuration keys. */
    public static final String ROLES_KEY = "partitionmq.roles";
    public static final String GRANTS_KEY = "partitionmq.grants";
    public static final String ADMIN_ROLE = "admin";
    public static final String VIEWER_ROLE = "viewer";

    private final Map<String, Set<String>> rolesOfUser;
    private final List<Grant> grants;
    private final boolean restricted;

    private AccessPolicy(Map<String, Set<String>> rolesOfUser, List<Grant> configured) {
        this.rolesOfUser = Map.copyOf(rolesOfUser);
        this.restricted = !configured.isEmpty();
        List<Grant> all = new ArrayList<>(configured);
        if (configured.stream().noneMatch(grant -> grant.role().equals(ADMIN_ROLE))) {
            all.add(new Grant(ADMIN_ROLE, EnumSet.allOf(Permission.class), "*"));
        }
        if (configured.stream().noneMatch(grant -> grant.role().equals(VIEWER_ROLE))) {
            all.add(new Grant(VIEWER_ROLE, EnumSet.of(Permission.BROWSE), "*"));
        }
        this.grants = List.copyOf(all);
    }

    /** Nothing configured: JMS users unrestricted, the console's two roles as described above. */
    public static AccessPolicy open() {
        return new AccessPolicy(Map.of(), List.of());
    }

    /** Parses both settings (either may be blank); a malformed entry is refused saying what is wrong. */
    public static AccessPolicy parse(String roles, String grants) {
        Map<String, Set<String>> rolesOfUser = new HashMap<>();
        for (String entry : entries(roles)) {
            String[] parts = entry.split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("a user's roles are configured as user:role|role, not '" + entry
                        + "'");
            }
            rolesOfUser.computeIfAbsent(parts[0].trim(), user -> new HashSet<>()).addAll(names(parts[1]));
        }
        List<Grant> configured = new ArrayList<>();
        for (String entry : entries(grants)) {
            String[] parts = entry.split(":", -1);
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
                throw new IllegalArgumentException("a grant is configured as role:permission|permission:topics, not '"
                        + entry + "'");
            }
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (String name : names(parts[1])) {
                if (name.equals("*")) {
                    permissions.addAll(EnumSet.allOf(Permission.class));
                } else {
                    permissions.add(Permission.parse(name));
                }
            }
            configured.add(new Grant(parts[0].trim(), permissions, parts[2].trim()));
        }
        return new AccessPolicy(rolesOfUser, configured);
    }

    /** What a JMS user, authenticated already, may do. */
    public Access forUser(String user) {
        return restricted ? forRoles(user, rolesOfUser.getOrDefault(user, Set.of())) : Access.unrestricted(user);
    }

    /** What a caller in these roles may do (the console's users carry their role with their password). */
    public Access forRoles(String user, Set<String> roles) {
        return new Access(user, roles, grants.stream().filter(grant -> roles.contains(grant.role())).toList(),
                false);
    }

    /** Whether the role is the console's or has a grant, so that configuring a user with it makes sense. */
    public boolean knowsRole(String role) {
        return grants.stream().anyMatch(grant -> grant.role().equals(role));
    }

    private static List<String> entries(String configured) {
        if (configured == null || configured.isBlank()) {
            return List.of();
        }
        return Arrays.stream(configured.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    }

    private static Set<String> names(String list) {
        Set<String> names = new HashSet<>();
        for (String name : list.split("\\|")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }
}
