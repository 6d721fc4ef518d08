package dev.cascade.cli.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.UUID;
import java.util.stream.Collectors;


import dev.cascade.agent.DeviceIdentity;
import dev.cascade.cli.local.GatewayPorts;
import dev.cascade.cli.local.LocalStack;
import dev.cascade.cli.local.Service;

/**
 * {@code cascade demo} from start to verdict: the embedded stack, a license and activation through the connector
 * stand-in, the sample topology, the seed and the agents in their offices behind emulated WAN links, a generated
 * package published and deployed to all, the live view until every office is done, then the summary and an
 * independent check of every agent's copy. Everything it starts it stops, also on failure and on Ctrl-C.
 */
final class DemoRun implements AutoCloseable {

    static final String CONTENT_ID = "demo-package";
    private static final String LICENSE_KEY = "CSC-DEMO-0000-0001";
    /**
     * @param wanBits       the branches' WAN rate (see {@link DemoScenario#sample})
     * @param redraw        redraw the live view in place (a terminal)
     */
    record Settings(Path home, Path dataDir, int agents, long packageBytes, long wanBits, int kafkaPort, int httpBasePort,
                    GatewayPorts udpPorts, Duration timeout, PrintWriter out, boolean redraw) {
    }

    private final Settings settings;
    private final DemoScenario scenario;
    private final PrintWriter out;
    private final DemoNetwork network;
    private LocalStack stack;
    private boolean closed;

    DemoRun(Settings settings, DemoNetwork network) {
        this.settings = settings;
        this.network = network;
        this.scenario = DemoScenario.sample(network.scenarioNetwork(), settings.agents(), settings.packageBytes(),
                settings.wanBits());
        this.out = settings.out();
    }

    /** 0 when every agent holds the package with the right SHA-256; otherwise 1, with the reason printed. */
    int run() {
        Path data = settings.dataDir();
        int offices = scenario.offices().size();
        say("Cascade demo: " + Bytes.format(scenario.packageBytes()) + " to " + scenario.agentCount() + " agents in " + offices
                + " offices (data and logs in " + data + ")");

        say("[1/7] license signing key and the embedded stack (Kafka, H2, five services) ...");
        Path vendor = data.resolve("vendor");
        String trusted = CliSteps.run("vendor", "keygen", "--out", vendor.toString()).out().lines()
                .filter(l -> l.contains("cascade.licensing.trusted-keys=")).findFirst()
                .orElseThrow(() -> new DemoException("'cascade vendor keygen' printed no trusted key")).split("=", 2)[1].trim();
        UUID seedId = DeviceIdentity.loadOrCreate(agentDir("seed"));
        LocalStack.Settings stackSettings = new LocalStack.Settings(settings.home(), data.resolve("stack"), network.gatewayBindHost(),
                settings.kafkaPort(), settings.httpBasePort(), settings.udpPorts(),
                Duration.ofSeconds(240), new PrintStream(OutputStream.nullOutputStream()))
                .withProperty(Service.LICENSING, "cascade.licensing.trusted-keys", trusted)
                .withProperty(Service.METADATA, "cascade.metadata.seed-device-ids", seedId.toString())
                .withProperty(Service.TOPOLOGY, "cascade.planner.seed-device-ids", seedId.toString());
        stack = LocalStack.of(stackSettings).start();
        say("      " + Service.values().length + " services up (metadata-service " + stack.url(Service.METADATA)
                + ", topology-service " + stack.url(Service.TOPOLOGY) + ")");
        DemoServer server = new DemoServer(stack.url(Service.METADATA), stack.url(Service.TOPOLOGY), stack.url(Service.GATEWAY));

        say("[2/7] license and activation through the connector stand-in ...");
        String serverAddress = "127.0.0.1:" + stack.udpPort();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path license = vendor.resolve("demo.license.json");
        CliSteps.run("vendor", "issue-license", "--key", vendor.resolve("license-signing-key.pem").toString(), "--customer",
                "Demo Organisation", "--seats", String.valueOf(scenario.agentCount() + 10), "--license-key", LICENSE_KEY,
                "--from", today.minusDays(1).toString(), "--until", today.plusDays(365).toString(), "--out", license.toString());
        say("      " + CliSteps.run("license", "import", license.toString(), "--url", stack.url(Service.LICENSING)).lastLine());
        say("      " + CliSteps.run("connector", "activate", "--license-key", LICENSE_KEY, "--server-name", "demo-server",
                "--server-ip", "127.0.0.1", "--server", serverAddress, "--key-file", stack.connectorKeyFile().toString(),
                "--listen-port", "0").out().lines().filter(l -> l.startsWith("activated")).findFirst().orElse("activated"));
        awaitNewKeys(server);

        say("[3/7] sample topology: " + scenario.offices().stream().map(o -> o.name() + " (" + o.type()
                + (o.central() ? "" : ", " + rate(o) + (o.vpn() ? " per device" : "")) + ")").collect(Collectors.joining(", ")));
        server.importTopology(scenario.topologyCsv());

        say("[4/7] " + network.describe() + "; " + (scenario.agentCount() + 1) + " agents (the seed and " + scenario.agentCount()
                + ") ...");
        Path library = data.resolve("library");
        createDirectories(library);
        List<DemoAgent> fleet = scenario.agents();
        network.open(scenario);
        startAgent("seed", scenario.central(), scenario.seedAddress(), List.of("--seed", "--library", library.toString()));
        for (DemoAgent agent : fleet) {
            startAgent(agent.hostname(), agent.office(), agent.address(), List.of());
        }
        awaitRegistrations(server, fleet);

        say("[5/7] generating and publishing the package ...");
        Path packageFile = data.resolve("package").resolve("demo-package.bin");
        String sha256 = SamplePackage.write(packageFile, scenario.packageBytes());
        say("      " + CliSteps.run("connector", "publish", packageFile.toString(), "--content-id", CONTENT_ID, "--name",
                "Demo package", "--library", library.toString(), "--server", serverAddress, "--key-file",
                stack.connectorKeyFile().toString(), "--listen-port", "0", "--progress", "never").out().lines()
                .filter(l -> l.startsWith("published")).findFirst().orElse("published"));

        say("[6/7] deploying to every device (peer to peer) ...");
        String deployment = server.deployToAll(CONTENT_ID);
        DeploymentWatch watch = new DeploymentWatch(scenario, server, network, deployment, CONTENT_ID);
        DeploymentWatch.Outcome outcome = watch.follow(new LiveView(out, settings.redraw(), Duration.ofSeconds(10)),
                settings.timeout());

        say("[7/7] stopping the agents and checking every copy against SHA-256 " + sha256 + " ...");
        network.stopAgents();
        Map<String, String> problems = check(fleet, sha256);
        say("");
        out.print(SummaryTable.render(scenario, outcome.offices(), network.bytesIn(), network.bytesOut(), network.measuredAs(),
                outcome.elapsed()));
        if (outcome.failure().isPresent()) {
            say("FAILED: " + outcome.failure().get());
            return 1;
        }
        if (!problems.isEmpty()) {
            say("FAILED: " + problems.size() + " of " + fleet.size() + " agents do not hold the package: "
                    + problems.entrySet().stream().limit(5).map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining("; ")));
            return 1;
        }
        say("Every agent (" + fleet.size() + "/" + fleet.size() + ") holds the package with SHA-256 " + sha256 + ".");
        return 0;
    }

    private void startAgent(String hostname, DemoOffice office, String address, List<String> extra) {
        GatewayPorts ports = stack.udpPorts();
        List<String> args = new ArrayList<>(List.of("--server", network.serverHost(office) + ":" + ports.smallMessages(), "--key-file",
                stack.keyFile().toString(), "--state-dir", agentDir(hostname).toString(), "--hostname", hostname,
                "--bind", address, "--prefix-length", "24", "--server-large-port", String.valueOf(ports.largeMessagesForeground()),
                "--heartbeat-interval", "10s", "--office-type", officeType(office)));
        args.addAll(network.agentOptions(office));
        args.addAll(extra);
        network.startAgent(hostname, office, address, args, settings.dataDir().resolve("logs").resolve(hostname + ".log"));
    }

    private static String officeType(DemoOffice office) {
        return switch (office.type()) {
            case "VPN" -> "vpn";
            case "Wi-Fi" -> "wifi";
            default -> "standard";
        };
    }

    /**
     * Activation made a new fleet key and rewrote the key file; the gateway picks it up within its poll interval. An
     * agent signing with it before then is refused and backs off for half a minute: wait for the gateway instead.
     */
    private void awaitNewKeys(DemoServer server) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (server.gatewayKeyReloads() < 1) {
            if (System.nanoTime() > deadline) {
                throw new DemoException("the gateway did not pick up the keys activation made within 60 s (see "
                        + settings.dataDir().resolve("stack").resolve("logs").resolve("udp-gateway.log") + ")");
            }
            sleep(500);
        }
        say("      the gateway verifies with the new keys");
    }

    private void awaitRegistrations(DemoServer server, List<DemoAgent> fleet) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("seed", scenario.central().id());
        fleet.forEach(a -> expected.put(a.hostname(), a.office().id()));
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            Map<String, String> seen = server.peers().stream().filter(p -> p.officeId() != null)
                    .collect(Collectors.toMap(DemoServer.Peer::hostname, DemoServer.Peer::officeId, (a, b) -> b));
            List<String> missing = expected.entrySet().stream().filter(e -> !e.getValue().equals(seen.get(e.getKey())))
                    .map(Map.Entry::getKey).toList();
            if (missing.isEmpty()) {
                say("      " + expected.size() + " agents registered, each in its office");
                return;
            }
            if (!network.exited().isEmpty()) {
                throw new DemoException("agents stopped: " + network.exited() + " (see their logs in "
                        + settings.dataDir().resolve("logs") + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new DemoException(missing.size() + " agents not registered in their office after 180 s: "
                        + missing.stream().limit(8).toList() + " (logs in " + settings.dataDir().resolve("logs") + ")");
            }
            sleep(1000);
        }
    }

    private Map<String, String> check(List<DemoAgent> fleet, String sha256) {
        PackageCheck check = new PackageCheck(CONTENT_ID, sha256);
        Map<String, String> problems = new LinkedHashMap<>();
        for (DemoAgent agent : fleet) {
            Optional<String> problem = check.problem(agentDir(agent.hostname()).resolve("cache"));
            problem.ifPresent(p -> problems.put(agent.hostname(), p));
        }
        return problems;
    }

    private Path agentDir(String hostname) {
        Path dir = settings.dataDir().resolve("agents").resolve(hostname);
        createDirectories(dir);
        return dir;
    }

    private static String rate(DemoOffice office) {
        long bits = office.linkBitsPerSecond();
        return bits % 1_000_000 == 0 ? bits / 1_000_000 + " Mbit/s" : String.format(java.util.Locale.ROOT, "%.1f Mbit/s", bits / 1e6);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted");
        }
    }

    /** Stops the agents, the network and the stack, in that order. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        network.close();
        if (stack != null) {
            stack.close();
        }
    }
}
