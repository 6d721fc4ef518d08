package dev.cascade.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.agent.AgentMain;
import dev.cascade.testkit.netns.Namespace;
import dev.cascade.testkit.netns.NamespaceLab;
import dev.cascade.testkit.netns.NamespaceProcess;
import dev.cascade.testkit.netns.Segment;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.WireKey;

/**
 * Discovery between real hosts: network namespaces on two bridges (two office subnets) joined by a
 * router, each host a real {@code cascade-agent} JVM. Subnet A (10.9.1.0/24): the asker, a holder of
 * some pieces, a busy holder of all pieces, and a peer holding only another content. Subnet B
 * (10.9.2.0/24): a holder of all pieces, reachable through the router but not by A's broadcast.
 * Needs root and iproute2 (CI runs as root); skips otherwise.
 */
class DiscoveryNamespaceTest {

    private static final String CONTENT = "app-7";
    private static final String PORT = "24329";
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration COUNTED = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRootAndIproute2() {
        Optional<String> reason = NamespaceLab.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
    }

    @Test
    void findsExactlyTheHoldersOfItsSubnetAndAnswersOnlyTheFleetOnce() throws Exception {
        WireKey key = TestPeer.fleetKey(1);
        Path keyFile = dir.resolve("keys.properties");
        KeyFile.write(keyFile, List.of(key));
        try (NamespaceLab lab = NamespaceLab.open("disc")) {
            Segment a = lab.segment("a");
            Segment b = lab.segment("b");
            Namespace router = lab.namespace("router");
            lab.connect(router, a, "10.9.1.1/24");
            lab.connect(router, b, "10.9.2.1/24");
            router.exec("sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward");
            Namespace asker = host(lab, "asker", a, "10.9.1.2/24", "10.9.1.1");
            Namespace some = host(lab, "some", a, "10.9.1.3/24", "10.9.1.1");
            Namespace busy = host(lab, "busy", a, "10.9.1.4/24", "10.9.1.1");
            Namespace other = host(lab, "other", a, "10.9.1.5/24", "10.9.1.1");
            Namespace remote = host(lab, "remote", b, "10.9.2.3/24", "10.9.2.1");

            Map<String, NamespaceProcess> holders = Map.of(
                    "some", serve(some, keyFile, "--hold", CONTENT + "=8:0-2,5,7"),
                    "busy", serve(busy, keyFile, "--hold", CONTENT + "=8", "--upload-slots", "0"),
                    "other", serve(other, keyFile, "--hold", "other-content=4"),
                    "remote", serve(remote, keyFile, "--hold", CONTENT + "=8"));
            for (NamespaceProcess holder : holders.values()) {
                holder.awaitLine(Pattern.compile("^listening for DISCOVER on 0\\.0\\.0\\.0:" + PORT + " in "), START);
            }

            NamespaceProcess probe = asker.startJava("discover", AgentMain.class.getName(), List.of("discover",
                    "--content", CONTENT, "--key-file", keyFile.toString(), "--port", PORT, "--reply-port", "24325",
                    // a generous window: a holder JVM answering its first DISCOVER loads and compiles its code first
                    "--window", "2s", "--state-dir", dir.resolve("asker").toString()));
            assertThat(probe.waitFor(START)).as(probe.output()).isZero();
            holders.get("other").awaitLine(Pattern.compile(" dropped.not_held=1\\b"), COUNTED);
            assertThat(probe.lines().stream().filter(l -> l.startsWith("holder ")).toList())
                    .as("holders' output:%n%s", outputs(holders)).containsExactly(
                    "holder 10.9.1.3 port 24760 pieces 5/8 [0-2,5,7] free device " + deviceId("some"),
                    "holder 10.9.1.4 port 24760 pieces 8/8 [0-7] busy device " + deviceId("busy"));
            assertThat(probe.lines()).contains("found 2 holders of 'app-7' in 10.9.1.0/24 (1 broadcast to"
                    + " 10.9.1.255:" + PORT + ", 2000 ms window)");

            NamespaceProcess forged = sender(asker, "wrong-key", "10.9.1.255", key);
            assertThat(forged.waitFor(START)).as(forged.output()).isZero();
            assertThat(forged.lines()).contains("wrong-key replies=0");
            for (String name : List.of("some", "busy", "other")) {
                holders.get(name).awaitLine(Pattern.compile(" dropped.bad_tag=1\\b"), COUNTED);
            }

            NamespaceProcess replayed = sender(asker, "replay", "10.9.1.255", key, "2");
            assertThat(replayed.waitFor(START)).as(replayed.output()).isZero();
            assertThat(replayed.lines()).contains("first replies=2", "replayed replies=0");
            for (String name : List.of("some", "busy", "other")) {
                holders.get(name).awaitLine(Pattern.compile(" dropped.replay=1\\b"), COUNTED);
            }

            // routed, so it arrives: but from outside the holder's subnet, so it gets no answer
            NamespaceProcess fromB = sender(remote, "unicast", "10.9.1.3", key);
            assertThat(fromB.waitFor(START)).as(fromB.output()).isZero();
            assertThat(fromB.lines()).contains("unicast replies=0");
            holders.get("some").awaitLine(Pattern.compile(" dropped.off_subnet=1\\b"), COUNTED);

            assertThat(holders.get("some").lines()).noneMatch(l -> l.matches(".* answered=([3-9]|\\d\\d+) .*"));
            NamespaceProcess remoteHolder = holders.get("remote");
            remoteHolder.close();
            assertThat(remoteHolder.lines()).as("subnet A's broadcasts never reached subnet B")
                    .anyMatch(l -> l.startsWith("stopped; counters received=0 "));
        }
    }

    private static String outputs(Map<String, NamespaceProcess> processes) {
        StringBuilder text = new StringBuilder();
        processes.forEach((name, process) -> text.append(name).append(":\n").append(process.output()).append('\n'));
        return text.toString();
    }

    private static Namespace host(NamespaceLab lab, String name, Segment segment, String address, String gateway) {
        Namespace host = lab.namespace(name);
        lab.connect(host, segment, address);
        host.ip("route", "add", "default", "via", gateway);
        return host;
    }

    private NamespaceProcess serve(Namespace host, Path keyFile, String... holding) {
        List<String> args = new ArrayList<>(List.of("serve-discovery", "--key-file", keyFile.toString(), "--port", PORT,
                "--content-port", "24760", "--stats-interval", "100ms", "--state-dir",
                dir.resolve(host.shortName()).toString()));
        args.addAll(List.of(holding));
        return host.startJava("serve-discovery", AgentMain.class.getName(), args);
    }

    private static NamespaceProcess sender(Namespace host, String mode, String address, WireKey key, String... more) {
        List<String> args = new ArrayList<>(List.of(mode, address, PORT, key.format(), CONTENT));
        args.addAll(List.of(more));
        return host.startJava(mode, DiscoverSenderMain.class.getName(), args);
    }

    private String deviceId(String host) throws Exception {
        return Files.readString(dir.resolve(host).resolve("device-id")).trim();
    }
}
