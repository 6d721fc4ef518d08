package dev.cascade.cli.demo;

import static dev.cascade.cli.CliRun.cascade;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.cli.CliRun;
import dev.cascade.cli.local.LocalStackTestPorts;

/**
 * {@code cascade demo} end to end, smaller than its defaults: the embedded stack, activation, the sample topology, a
 * seed and eight agents behind the emulated WAN links, a generated package deployed to all, and the verdict — every
 * agent's copy checked, the WAN bytes measured at the links close to the limit and far below naive distribution.
 */
class DemoIT {

    private static final Path HOME = Path.of(System.getProperty("cascade.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void everyAgentGetsThePackageAndEachWanLinkCarriesItAboutOnce() throws Exception {
        Path data = tmp.resolve("demo");
        CliRun run = cascade("demo", "--home", HOME.toString(), "--data-dir", data.toString(), "--agents", "8",
                "--package-size", "8MiB", "--wan-rate", "40", "--timeout", "5m", "--plain",
                "--kafka-port", String.valueOf(LocalStackTestPorts.freeBlock(2)),
                "--http-base-port", String.valueOf(LocalStackTestPorts.freeBlock(5)),
                "--udp-port-offset", String.valueOf(LocalStackTestPorts.freeUdpOffset()));

        assertThat(run.exitCode()).as("demo output:%n%s%n%s", run.out(), run.err()).isZero();
        assertThat(run.out()).contains("Every agent (8/8) holds the package with SHA-256")
                .contains("[7/7] stopping the agents");
        // the offices fed from outside: 4 branches/sub-office, 1 VPN device (8 agents: one each but the central 2, north 2)
        assertThat(run.out()).contains("limit  8.0 MiB x 5 links fed from outside (4 offices, 1 VPN devices) = 40.0 MiB");
        double perLimit = ratio(run.out(), "measured / limit = ([0-9.]+)");
        assertThat(perLimit).as("WAN bytes measured / limit").isBetween(1.0, 1.10);
        assertThat(ratio(run.out(), "measured / naive = ([0-9.]+)")).as("WAN bytes measured / naive").isLessThan(0.7);
        for (String office : new String[] {"Branch North ", "Branch North Wi-Fi", "Branch South", "Branch East", "Remote workers"}) {
            String row = run.out().lines().filter(l -> l.startsWith(office)).reduce((a, b) -> b).orElseThrow();
            assertThat(row).as(office).doesNotContain("not done").contains(" s");
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("no service process outlives the demo").isZero();
        assertThat(Files.readString(data.resolve("logs").resolve("north-pc-01.log"))).contains("complete and verified");
    }

    private static double ratio(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("'%s' in%n%s", regex, out).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
