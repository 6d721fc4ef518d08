package dev.cascade.benchmarks.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cascade.testkit.ServiceProcess;

/** {@link FloorGatewayMain} as a child JVM with the gateway's JVM options, behind the same launcher. */
final class FloorGateway extends GatewayUnderTest {

    private final Path portFile;

    private FloorGateway(ServiceProcess process, Path portFile) {
        super(process);
        this.portFile = portFile;
    }

    /** {@code valueSize}: the gateway's event size, to which the floor pads its records. */
    static FloorGateway start(Path dataDir, String bootstrapServers, Path keyFile, String topic, int valueSize,
                              List<String> jvm, List<String> launcher) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir, e);
        }
        Path portFile = dataDir.resolve("udp-port");
        List<String> command = ChildJvms.command(launcher, new ArrayList<>(jvm), Map.of(), ChildJvms.main(
                FloorGatewayMain.class, List.of(bootstrapServers, keyFile.toString(), portFile.toString(), topic,
                        Integer.toString(valueSize))));
        return new FloorGateway(ServiceProcess.launch("floor-gateway", command, dataDir.resolve("floor-gateway.log"), ""),
                portFile);
    }

    @Override
    InetSocketAddress awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("the floor gateway exited with code " + process.exitCode() + ":\n"
                        + process.logTail(30));
            }
            if (Files.isRegularFile(portFile)) {
                try {
                    return new InetSocketAddress("127.0.0.1", Integer.parseInt(Files.readString(portFile).trim()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + portFile, e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the floor gateway", e);
            }
        }
        throw new IllegalStateException("the floor gateway was not ready within " + timeout.toSeconds() + " s; see "
                + process.log());
    }



    @Override
    double metric(String series) {
        return Double.NaN; // it counts nothing
    }


}
