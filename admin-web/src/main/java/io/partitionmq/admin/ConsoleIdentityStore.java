package io.partitionmq.admin;

import io.partitionmq.access.Access;
import io.partitionmq.access.AccessPolicy;
import io.partitionmq.access.Users;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks the passwords of console and API users ({@link ConsoleLogin}) against {@code partitionmq.console.users}. Without that setting,
 * the first start generates a password for the user {@code admin}, prints it once to the log and keeps only its
 * hash in the data directory ({@code console-users}); there is never a well-known default.
 */
@ApplicationScoped
public class ConsoleIdentityStore implements IdentityStore {
    private static final System.Logger LOG = System.getLogger(ConsoleIdentityStore.class.getName());
    static final String USERS_KEY = "partitionmq.console.users";
    private static final String GENERATED_FILE = "console-users";

    private ConsoleUsers users;
    private AccessPolicy policy;

    /** Loads (or generates) the users when the application starts, not at the first login. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it creates this bean, whose @PostConstruct loads the users.
    }

    @PostConstruct
    void load() {
        Config config = ConfigProvider.getConfig();
        String configured = config.getOptionalValue(USERS_KEY, String.class).orElse("");
        policy = AccessPolicy.parse(config.getOptionalValue(AccessPolicy.ROLES_KEY, String.class).orElse(""),
                config.getOptionalValue(AccessPolicy.GRANTS_KEY, String.class).orElse(""));
        users = ConsoleUsers.parse(configured.isBlank()
                ? generatedAdmin(Path.of(config.getValue("partitionmq.data.dir", String.class)))
                : configured, policy);
    }

    /** The generated admin's entry: read back, or made (and its password printed) at the first start. */
    private static String generatedAdmin(Path dataDir) {
        Path file = dataDir.resolve(GENERATED_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            String entry = "admin:admin:" + Users.hashed(password);
            Files.createDirectories(dataDir);
            Files.writeString(file, entry + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // A file system without POSIX permissions: the file holds a hash only.
            }
            LOG.log(Level.WARNING, "PartitionMQ console: log in as user ''admin'' with password ''{0}''. It is"
                    + " shown this once; only its hash is kept, in {1}. Configure users with {2} instead.",
                    password, file, USERS_KEY);
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the generated console user in " + file, e);
        }
    }

    /** What a logged-in user may do: the grants of their console role. */
    Access accessOf(String user) {
        String role = users.roleOf(user);
        return policy.forRoles(user, role == null ? Set.of() : Set.of(role));
    }

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return users.roleOf(credential.getCaller(), credential.getPasswordAsString())
                .map(role -> new CredentialValidationResult(credential.getCaller(), Set.of(role)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
