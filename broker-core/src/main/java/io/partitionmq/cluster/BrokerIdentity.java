package io.partitionmq.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** A broker's stable id: the configured one, or one generated at first start and kept in its data directory. */
final class BrokerIdentity {
    static final String FILE = "broker.id";

    private BrokerIdentity() {
    }

    static String resolve(BrokerConfig config) {
        if (!config.brokerId().isEmpty()) {
            return config.brokerId();
        }
        Path file = config.dataDir().resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String generated = UUID.randomUUID().toString();
            // Written aside and moved into place, so a crash never leaves a half-written id.
            Path pending = Files.createTempFile(config.dataDir(), FILE, ".tmp");
            Files.writeString(pending, generated + "\n", StandardCharsets.UTF_8);
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or keep the broker id in " + file, e);
        }
    }
}
