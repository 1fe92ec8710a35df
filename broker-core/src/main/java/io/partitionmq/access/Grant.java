package io.partitionmq.access;

import java.io.Serializable;
import java.util.Set;

/**
 * Permissions a role holds on the topics a pattern matches: a name, or a pattern with {@code *} standing for any
 * characters ({@code orders.*}, {@code *}).
 */
public record Grant(String role, Set<Permission> permissions, String topics) implements Serializable {
    public Grant {
        permissions = Set.copyOf(permissions);
    }

    public boolean covers(Permission permission, String topic) {
        return permissions.contains(permission) && matches(topics, 0, topic, 0);
    }

    /** Glob matching with {@code *} only; patterns are short, so the recursion stays shallow. */
    private static boolean matches(String pattern, int p, String name, int n) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int rest = n; rest <= name.length(); rest++) {
                    if (matches(pattern, p + 1, name, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (n == name.length() || name.charAt(n) != c) {
                return false;
            }
            p++;
            n++;
        }
        return n == name.length();
    }
}
