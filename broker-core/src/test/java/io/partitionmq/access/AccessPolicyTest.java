package io.partitionmq.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private final AccessPolicy policy = AccessPolicy.parse("alice:producers|auditors, bob:consumers",
            "producers:send|create:orders.*, auditors:browse:*, consumers:consume:orders.eu, ops:*:*");

    @Test
    void aUserMayDoWhatTheGrantsOfTheirRolesCoverAndNothingElse() {
        Access alice = policy.forUser("alice");
        assertTrue(alice.permits(Permission.SEND, "orders.eu"));
        assertTrue(alice.permits(Permission.CREATE, "orders.us"));
        assertTrue(alice.permits(Permission.BROWSE, "payroll"), "auditors browse everything");
        assertFalse(alice.permits(Permission.SEND, "payroll"));
        assertFalse(alice.permits(Permission.CONSUME, "orders.eu"));
        assertFalse(alice.permits(Permission.SEND, "orders"), "orders.* needs the dot");

        Access bob = policy.forUser("bob");
        assertTrue(bob.permits(Permission.CONSUME, "orders.eu"));
        assertFalse(bob.permits(Permission.CONSUME, "orders.eu2"), "a name without * matches only itself");
        AccessDeniedException refused = assertThrows(AccessDeniedException.class,
                () -> bob.require(Permission.DELETE, "orders.eu"));
        assertEquals("user 'bob' may not delete on 'orders.eu': no grant of their roles [consumers] covers it"
                + " (partitionmq.grants)", refused.getMessage());
    }

    @Test
    void starAsThePermissionsMeansAllOfThemAndAUserWithoutRolesMayDoNothing() {
        Access ops = policy.forRoles("olga", Set.of("ops"));
        for (Permission permission : Permission.values()) {
            assertTrue(ops.permits(permission, "anything"), permission.label());
        }
        Access nobody = policy.forUser("carol");
        assertFalse(nobody.permits(Permission.BROWSE, "orders.eu"));
        assertTrue(assertThrows(AccessDeniedException.class, () -> nobody.require(Permission.SEND, "x"))
                .getMessage().contains("they have no role"));
    }

    @Test
    void theConsoleRolesExistWithoutBeingGrantedAndAGrantReplacesThem() {
        Access admin = policy.forRoles("root", Set.of(AccessPolicy.ADMIN_ROLE));
        assertTrue(admin.permits(Permission.DELETE, "payroll"));
        Access viewer = policy.forRoles("val", Set.of(AccessPolicy.VIEWER_ROLE));
        assertTrue(viewer.permits(Permission.BROWSE, "payroll"));
        assertFalse(viewer.permits(Permission.CREATE, "payroll"));
        assertTrue(policy.knowsRole("producers") && policy.knowsRole("viewer") && !policy.knowsRole("typo"));

        AccessPolicy narrowed = AccessPolicy.parse("", "viewer:browse:public.*");
        assertFalse(narrowed.forRoles("val", Set.of("viewer")).permits(Permission.BROWSE, "payroll"));
    }

    @Test
    void withoutGrantsEveryAuthenticatedUserMayDoEverything() {
        Access anyone = AccessPolicy.parse("", "").forUser("dave");
        assertTrue(anyone.unrestricted());
        assertTrue(anyone.permits(Permission.ADMIN, "payroll"));
    }

    @Test
    void aMalformedSettingIsRefusedSayingWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessPolicy.parse("alice", ""))
                .getMessage().contains("user:role|role"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessPolicy.parse("", "producers:send"))
                .getMessage().contains("role:permission|permission:topics"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> AccessPolicy.parse("", "producers:publish:*"));
        assertEquals("unknown permission 'publish'; the permissions are send, consume, browse, create, delete,"
                + " admin and *", unknown.getMessage());
    }
}
