package dev.cascade.testkit.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab on the real kernel: namespaces, bridges, broadcast between them, and nothing left behind. */
class NamespaceLabTest {

    private static final Duration READY = Duration.ofSeconds(30);

    @BeforeAll
    static void needsRootAndIproute2() {
        Optional<String> reason = NamespaceLab.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
    }

    @Test
    void broadcastReachesItsOwnSegmentOnlyAndCloseRemovesEverything() throws Exception {
        String ip = CommandRunner.find("ip").orElseThrow().toString();
        NamespaceProcess listenerA;
        NamespaceProcess listenerB;
        List<String> names;
        try (NamespaceLab lab = NamespaceLab.open("lab")) {
            Segment a = lab.segment("a");
            Segment b = lab.segment("b");
            Namespace sender = lab.namespace("sender");
            Namespace peerA = lab.namespace("peera");
            Namespace peerB = lab.namespace("peerb");
            Link link = lab.connect(sender, a, "10.9.1.2/24");
            lab.connect(peerA, a, "10.9.1.3/24");
            // the same subnet on another segment: only the bridge can keep the broadcast from it
            lab.connect(peerB, b, "10.9.1.4/24");

            assertThat(link.device()).isEqualTo("eth0");
            assertThat(link.ip()).isEqualTo("10.9.1.2");
            assertThat(sender.ip("-4", "addr", "show", "dev", "eth0")).contains("inet 10.9.1.2/24 brd 10.9.1.255");
            names = lab.namespaces().stream().map(Namespace::name).toList();
            assertThat(NamespaceLab.list(ip)).containsAll(names).contains(lab.prefix() + "-switch");

            listenerA = peerA.startJava("listener", UdpEchoMain.class.getName(), List.of("listen", "24100"));
            listenerB = peerB.startJava("listener", UdpEchoMain.class.getName(), List.of("listen", "24100"));
            listenerA.awaitLine(Pattern.compile("^listening"), READY);
            listenerB.awaitLine(Pattern.compile("^listening"), READY);

            NamespaceProcess send = sender.startJava("sender", UdpEchoMain.class.getName(),
                    List.of("send", "10.9.1.255", "24100", "hello a"));
            assertThat(send.waitFor(READY)).as(send.output()).isZero();
            assertThat(listenerA.awaitLine(Pattern.compile("^got "), READY)).isEqualTo("got 'hello a' from 10.9.1.2");
        }
        assertThat(listenerA.alive()).isFalse();
        assertThat(listenerB.alive()).isFalse();
        assertThat(listenerB.lines()).noneMatch(l -> l.startsWith("got "));
        assertThat(NamespaceLab.list(ip)).doesNotContainAnyElementsOf(names)
                .noneMatch(n -> n.startsWith("cas" + ProcessHandle.current().pid() + "lab-"));
    }

    @Test
    void opensAfterRemovingWhatACrashedRunLeftBehind() {
        String ip = CommandRunner.find("ip").orElseThrow().toString();
        // pid 999999999 is above any pid_max: its owner is certainly gone
        String orphan = "cas999999999old-host";
        CommandRunner.runOrThrow(List.of(ip, "netns", "add", orphan));
        try (NamespaceLab lab = NamespaceLab.open("left")) {
            assertThat(NamespaceLab.list(ip)).doesNotContain(orphan).contains(lab.prefix() + "-switch");
        } finally {
            CommandRunner.run(List.of(ip, "netns", "del", orphan));
        }
    }

    @Test
    void refusesNamesThatWouldNotFitAnInterfaceOrANamespace() {
        assertThatThrownBy(() -> NamespaceLab.open("Too-Long"))
                .hasMessageContaining("lab tag 'Too-Long' must be 1-6 characters");
        assertThatThrownBy(() -> NamespaceLab.open("9lives")).hasMessageContaining("starting with a letter");
        try (NamespaceLab lab = NamespaceLab.open("names")) {
            assertThatThrownBy(() -> lab.namespace("switch")).hasMessageContaining("not 'switch'");
            assertThatThrownBy(() -> lab.segment("a_b")).hasMessageContaining("segment name 'a_b'");
            Namespace host = lab.namespace("host");
            Segment segment = lab.segment("s");
            assertThatThrownBy(() -> lab.connect(host, segment, "10.9.1.2"))
                    .hasMessageContaining("address '10.9.1.2' needs a prefix length");
        }
    }
}
