package io.partitionmq.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Test hosts on this machine: one Linux network namespace per broker, each with its own address on a private
 * bridge (10.231.0.0/24) that the harness, in the root namespace, reaches too. A network split is made with
 * blackhole routes inside the namespaces, so packets between the two sides vanish silently (no reset, as when a
 * switch fails) while the harness still reaches every host. Needs root and iproute2; everything it creates it
 * removes on {@link #close}, and it removes leftovers of an earlier run first.
 */
final class NetworkLab implements AutoCloseable {
    private static final String PREFIX = "pmqh";
    private static final String BRIDGE = PREFIX + "-br";
    private static final String SUBNET = "10.231.0.";

    private final int hosts;
    private final List<String> blackholes = new ArrayList<>();

    private NetworkLab(int hosts) {
        this.hosts = hosts;
    }

    /** Creates {@code hosts} namespaces, named {@code pmqh-1...}, with addresses 10.231.0.1 and on. */
    static NetworkLab create(int hosts) throws IOException, InterruptedException {
        NetworkLab lab = new NetworkLab(hosts);
        lab.removeAll();
        try {
            ip("link", "add", BRIDGE, "type", "bridge");
            ip("addr", "add", SUBNET + "254/24", "dev", BRIDGE);
            ip("link", "set", BRIDGE, "up");
            for (int host = 1; host <= hosts; host++) {
                String namespace = namespace(host);
                ip("netns", "add", namespace);
                ip("link", "add", PREFIX + "-v" + host, "type", "veth", "peer", "name", "eth0", "netns", namespace);
                ip("link", "set", PREFIX + "-v" + host, "master", BRIDGE, "up");
                ip("-n", namespace, "addr", "add", address(host) + "/24", "dev", "eth0");
                ip("-n", namespace, "link", "set", "eth0", "up");
                ip("-n", namespace, "link", "set", "lo", "up");
            }
        } catch (IOException | RuntimeException e) {
            lab.removeAll();
            throw e;
        }
        return lab;
    }

    static String namespace(int host) {
        return PREFIX + "-" + host;
    }

    static String address(int host) {
        return SUBNET + host;
    }

    /** Cuts {@code host} off from every other host (both directions); the harness still reaches all of them. */
    void isolate(int host) throws IOException, InterruptedException {
        for (int other = 1; other <= hosts; other++) {
            if (other != host) {
                blackhole(host, other);
                blackhole(other, host);
            }
        }
    }

    /** Removes every cut: the hosts reach each other again. */
    void heal() throws IOException, InterruptedException {
        for (String cut : List.copyOf(blackholes)) {
            String[] parts = cut.split(" ");
            ip("-n", parts[0], "route", "del", "blackhole", parts[1]);
            blackholes.remove(cut);
        }
    }

    @Override
    public void close() {
        try {
            removeAll();
        } catch (IOException e) {
            System.out.println("could not remove the test network: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void blackhole(int from, int to) throws IOException, InterruptedException {
        ip("-n", namespace(from), "route", "add", "blackhole", address(to) + "/32");
        blackholes.add(namespace(from) + " " + address(to) + "/32");
    }

    /** Deleting a namespace deletes the veth ends inside it, and with them their peers on the bridge. */
    private void removeAll() throws IOException, InterruptedException {
        for (int host = 1; host <= hosts; host++) {
            run(false, "ip", "netns", "del", namespace(host));
        }
        run(false, "ip", "link", "del", BRIDGE);
        blackholes.clear();
    }

    private static void ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        run(true, command.toArray(String[]::new));
    }

    private static void run(boolean required, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        if (process.waitFor() != 0 && required) {
            throw new IOException(String.join(" ", command) + " failed: " + output
                    + " (the split scenario needs root and iproute2, to create network namespaces)");
        }
    }
}
