package dev.cascade.cli.demo;

import static dev.cascade.cli.CliRun.cascade;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.cli.CliRun;
import dev.cascade.cli.local.LocalStackTestPorts;
import dev.cascade.testkit.netns.CommandRunner;

/**
 * {@code cascade demo --netns} end to end (root only): the offices as LANs in network namespaces, routers shaping the WAN
 * links with tc, a seed and eight agent JVMs in namespaces of their own, a package deployed to all; every copy checked,
 * the frames the routers sent into the offices close to the limit, and no namespace left behind.
 */
class DemoNetnsIT {

    private static final Path HOME = Path.of(System.getProperty("cascade.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void everyAgentInItsNamespaceGetsThePackageAndEachRouterCarriesItAboutOnce() throws Exception {
        Optional<String> unavailable = NetnsNetwork.unavailableReason();
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipped: cascade demo --netns needs root and iproute2: "
                + unavailable.orElse(""));
        Path data = tmp.resolve("demo");
        CliRun run = cascade("demo", "--netns", "--home", HOME.toString(), "--data-dir", data.toString(), "--agents", "8",
                "--package-size", "8MiB", "--wan-rate", "40", "--timeout", "5m", "--plain",
                "--kafka-port", String.valueOf(LocalStackTestPorts.freeBlock(2)),
                "--http-base-port", String.valueOf(LocalStackTestPorts.freeBlock(5)),
                "--udp-port-offset", String.valueOf(LocalStackTestPorts.freeUdpOffset()));

        assertThat(run.exitCode()).as("demo output:%n%s%n%s", run.out(), run.err()).isZero();
        assertThat(run.out()).contains("network namespaces: a LAN per office")
                .contains("Every agent (8/8) holds the package with SHA-256")
                .contains("limit  8.0 MiB x 5 links fed from outside (4 offices, 1 VPN devices) = 40.0 MiB")
                .contains("bytes on the wire at the routers' WAN legs, Ethernet frames; UDP payload");
        // Ethernet frames: 42 bytes of headers on ~9 KB frames, Cascade's BLOCK framing, a piece or two sent again
        assertThat(ratio(run.out(), "measured / limit = ([0-9.]+)")).as("WAN frames measured / limit").isBetween(1.0, 1.10);
        assertThat(ratio(run.out(), "measured / naive = ([0-9.]+)")).as("WAN frames measured / naive").isLessThan(0.7);
        for (String office : new String[] {"Branch North ", "Branch North Wi-Fi", "Branch South", "Branch East", "Remote workers"}) {
            String row = run.out().lines().filter(l -> l.startsWith(office)).reduce((a, b) -> b).orElseThrow();
            assertThat(row).as(office).doesNotContain("not done");
        }
        String north = Files.readString(data.resolve("logs").resolve("north-pc-01.log"));
        assertThat(north).as("an agent JVM in its own namespace, on its office's LAN").contains("10.42.2.11")
                .contains("complete and verified").contains("stopping");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("no agent JVM or service outlives the demo").isZero();
        String prefix = "cas" + ProcessHandle.current().pid() + "demo-";
        List<String> left = CommandRunner.runOrThrow(List.of(CommandRunner.find("ip").orElseThrow().toString(), "netns",
                "list")).lines().filter(l -> l.startsWith(prefix)).toList();
        assertThat(left).as("namespaces of the demo left behind").isEmpty();
        assertThat(CommandRunner.runOrThrow(List.of(CommandRunner.find("ip").orElseThrow().toString(), "-4", "route", "show",
                "root", "10.42.0.0/16"))).as("routes to the demo's offices left in this namespace").isBlank();
    }

    private static double ratio(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("'%s' in%n%s", regex, out).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
