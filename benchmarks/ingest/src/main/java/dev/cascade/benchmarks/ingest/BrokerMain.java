package dev.cascade.benchmarks.ingest;

import java.nio.file.Path;

import dev.cascade.testkit.EmbeddedKafkaBroker;

/**
 * The benchmark's Kafka broker in a JVM of its own ({@link BrokerProcess}), as a broker runs in
 * production: the load generator's allocations and collections then never pause the broker the
 * gateway and the raw producer write to. Arguments: data directory, client port, controller port.
 * Runs until SIGTERM, which closes the broker.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BrokerMain <data dir> <client port> <controller port>");
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println("broker ready on " + broker.bootstrapServers());
        // the broker's non-daemon threads keep this JVM running
    }
}
