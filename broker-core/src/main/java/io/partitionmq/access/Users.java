package io.partitionmq.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The users a broker knows, from configuration: {@code name:{sha256}<hex>} (the SHA-256 of the password, e.g.
 * {@code printf %s secret | sha256sum}) or {@code name:password}, separated by commas. No users: nothing is
 * checked.
 */
public final class Users {
    private static final String SHA256 = "{sha256}";

    private final Map<String, byte[]> digests;

    private Users(Map<String, byte[]> digests) {
        this.digests = Map.copyOf(digests);
    }

    public static Users none() {
        return new Users(Map.of());
    }

    /** Parses the configured list; a malformed entry is refused with what is wrong. */
    public static Users parse(String configured) {
        Map<String, byte[]> digests = new HashMap<>();
        if (configured == null || configured.isBlank()) {
            return none();
        }
        for (String entry : configured.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("a user is configured as name:{sha256}hex or name:password, not '"
                        + trimmed.replaceAll(":.*", ":...") + "'");
            }
            String secret = trimmed.substring(colon + 1);
            digests.put(trimmed.substring(0, colon), secret.startsWith(SHA256)
                    ? HexFormat.of().parseHex(secret.substring(SHA256.length())) : sha256(secret));
        }
        return new Users(digests);
    }

    /** How a password is written in a configured user list without giving it away: {@code {sha256}<hex>}. */
    public static String hashed(String password) {
        return SHA256 + HexFormat.of().formatHex(sha256(password));
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** Whether the password is the user's; compared in constant time. */
    public boolean accepts(String user, String password) {
        byte[] expected = user == null ? null : digests.get(user);
        return expected != null && password != null && MessageDigest.isEqual(expected, sha256(password));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
