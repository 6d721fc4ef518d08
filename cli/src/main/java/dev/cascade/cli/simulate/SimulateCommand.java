package dev.cascade.cli.simulate;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cascade.cli.connector.ByteSize;
import dev.cascade.cli.connector.DurationText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cascade simulate}: a fleet following one deployment with topology-service's planner, as a discrete-event model. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a fleet following one deployment: topology-service's real source planner drives a"
                + " discrete-event model of offices, links and devices (docs/architecture.md, \"Fleet simulation\")."
                + " Reports WAN bytes against the limit (one copy per link) and against naive distribution, the"
                + " completion times, and the control plane's load (gateway datagrams, Kafka records per topic and"
                + " service, planner calls). The same options and --random-seed give the same report.")
public final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--peers", paramLabel = "N", defaultValue = "100000", description = "Devices, besides the seed peer (default: ${DEFAULT-VALUE})")
    int peers;

    @Option(names = "--offices", paramLabel = "N", defaultValue = "1000", description = "Offices in all, the central one included (default: ${DEFAULT-VALUE})")
    int offices;

    @Option(names = "--regions", paramLabel = "N", defaultValue = "20", description = "Regional offices under the central one; branches hang under them (default: ${DEFAULT-VALUE})")
    int regions;

    @Option(names = "--vpn-offices", paramLabel = "N", defaultValue = "10", description = "VPN offices (their devices do not share; each has its own link) (default: ${DEFAULT-VALUE})")
    int vpnOffices;

    @Option(names = "--wifi-share", paramLabel = "FRACTION", defaultValue = "0.1", description = "Share of branches with a Wi-Fi sub-office, 0 to 1 (default: ${DEFAULT-VALUE})")
    double wifiShare;

    @Option(names = "--package-size", paramLabel = "SIZE", defaultValue = "1GiB", converter = ByteSize.class, description = "The deployed package (default: ${DEFAULT-VALUE})")
    long packageSize;

    @Option(names = "--piece-size", paramLabel = "SIZE", defaultValue = "16MiB", converter = ByteSize.class, description = "The model's piece: one transfer moves one piece (default: ${DEFAULT-VALUE})")
    long pieceSize;

    @Option(names = "--wan-mbps", paramLabel = "MIN-MAX", defaultValue = "10-100", converter = MbpsRange.Converter.class, description = "Each office's link to its parent, drawn per office, Mbit/s (default: ${DEFAULT-VALUE})")
    MbpsRange wanMbps;

    @Option(names = "--vpn-mbps", paramLabel = "MIN-MAX", defaultValue = "5-50", converter = MbpsRange.Converter.class, description = "Each VPN device's own link, Mbit/s (default: ${DEFAULT-VALUE})")
    MbpsRange vpnMbps;

    @Option(names = "--lan-mbps", paramLabel = "MBPS", defaultValue = "1000", description = "Each wired device's LAN port, each way (default: ${DEFAULT-VALUE})")
    double lanMbps;

    @Option(names = "--wifi-mbps", paramLabel = "MBPS", defaultValue = "300", description = "A Wi-Fi office's air time, shared by all its transfers (default: ${DEFAULT-VALUE})")
    double wifiMbps;

    @Option(names = "--upload-slots", paramLabel = "N", defaultValue = "4", description = "Transfers a device serves at once to its own office, and as many again to other offices: the agent's foreground and background content servers each have these slots (default: ${DEFAULT-VALUE})")
    int uploadSlots;

    @Option(names = "--fetch-parallel", paramLabel = "N", defaultValue = "4", description = "Transfers a device receives at once, one per source (default: ${DEFAULT-VALUE})")
    int fetchParallel;

    @Option(names = "--notice-spread", paramLabel = "DURATION", defaultValue = "60s", converter = DurationText.OrZero.class, description = "The notices reach the devices at random within this time; 0: all at once (default: ${DEFAULT-VALUE})")
    Duration noticeSpread;

    @Option(names = "--plan-latency", paramLabel = "DURATION", defaultValue = "100ms", converter = DurationText.OrZero.class, description = "From a PLAN_REQUEST to the device acting on the plan and its report reaching the server (default: ${DEFAULT-VALUE})")
    Duration planLatency;

    @Option(names = "--heartbeat-interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationText.OrZero.class, description = "Each agent's heartbeat interval (default: ${DEFAULT-VALUE})")
    Duration heartbeatInterval;

    @Option(names = "--register-interval", paramLabel = "DURATION", defaultValue = "15m", converter = DurationText.OrZero.class, description = "Each agent's re-registration interval (default: ${DEFAULT-VALUE})")
    Duration registerInterval;

    @Option(names = "--random-seed", paramLabel = "N", defaultValue = "1", description = "Seed of every random draw (default: ${DEFAULT-VALUE})")
    long randomSeed;

    @Option(names = "--json", description = "Print the report as JSON (every link over one copy, every office's result)")
    boolean json;

    /** The options as settings. @throws IllegalArgumentException naming the option that is out of range */
    FleetSettings settings() {
        return new FleetSettings(peers, offices, regions, vpnOffices, wifiShare, packageSize, pieceSize, wanMbps, vpnMbps, lanMbps,
                wifiMbps, uploadSlots, fetchParallel, noticeSpread, planLatency, heartbeatInterval, registerInterval, randomSeed);
    }

    @Override
    public Integer call() throws JsonProcessingException {
        FleetSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long started = System.nanoTime();
        SimulationReport report;
        try {
            var err = spec.commandLine().getErr();
            report = FleetSimulation.run(settings, line -> {
                err.println(line);
                err.flush();
            });
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("cascade simulate: " + e.getMessage());
            return 1;
        }
        double wall = (System.nanoTime() - started) / 1e9;
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            out.print(ReportText.format(report));
            out.printf(Locale.ROOT, "Wall time: %.1f s%n", wall);
        }
        out.flush();
        return 0;
    }
}
