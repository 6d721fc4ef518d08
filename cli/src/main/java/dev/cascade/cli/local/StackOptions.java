package dev.cascade.cli.local;

import java.nio.file.Path;

import dev.cascade.wire.Ports;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where the embedded stack's services are built and which ports it takes: shared by `local up` and `demo`. */
public final class StackOptions {

    @Option(names = "--home", description = "The Cascade checkout holding the built services (default: $CASCADE_HOME or the current directory)")
    Path home;

    @Option(names = "--kafka-port", description = "Kafka client port; the controller uses the next one (default: ${DEFAULT-VALUE})")
    int kafkaPort = 9092;

    @Option(names = "--http-base-port", description = "udp-gateway's HTTP port; metadata, topology, licensing, activation use the next four (default: ${DEFAULT-VALUE})")
    int httpBasePort = 8081;

    @Option(names = "--udp-port-offset", description = {"Added to every UDP port of the gateway (34322, 34323, 34331, 34333,",
            "34339, 34341, 34545), to run a second stack on one machine (default: ${DEFAULT-VALUE})"})
    int udpPortOffset = 0;

    /** The checkout: {@code --home}, else $CASCADE_HOME, else the current directory. */
    public Path home() {
        Path root = home != null ? home : Path.of(System.getenv().getOrDefault("CASCADE_HOME", "."));
        return root.toAbsolutePath().normalize();
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int httpBasePort() {
        return httpBasePort;
    }

    /** The gateway's UDP ports; an offset that puts them outside 1024..65535 is a usage error naming it. */
    public GatewayPorts udpPorts(CommandSpec spec) {
        int lowest = Ports.SERVER_SMALL_REPLIES + udpPortOffset;
        int highest = Ports.SERVER_CONTROL + udpPortOffset;
        if (lowest < 1024 || highest > 65_535) {
            throw new ParameterException(spec.commandLine(), "--udp-port-offset: " + udpPortOffset + " puts the gateway's ports at "
                    + lowest + ".." + highest + ", outside 1024..65535");
        }
        return GatewayPorts.offset(udpPortOffset);
    }
}
