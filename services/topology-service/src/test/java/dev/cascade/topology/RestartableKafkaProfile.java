package dev.cascade.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cascade.testkit.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service against a broker of its own that a test can stop and start again on the same ports
 * and log directory, to show what happens while Kafka is down. (The shared test broker stays up
 * for the other test classes.)
 */
public class RestartableKafkaProfile implements QuarkusTestProfile {

    /**
     * A database of its own: H2 keeps an in-memory database for the whole JVM, and this test counts
     * the revisions it publishes on a broker of its own.
     */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:topology-outage;MODE=MSSQLServer;DB_CLOSE_DELAY=-1");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Broker.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    /** Starts the broker for the application; {@link #stop()} and {@link #start()} let a test take it down and back. */
    public static class Broker implements QuarkusTestResourceLifecycleManager {

        private static Path dataDir;
        private static int port;
        private static int controllerPort;
        private static EmbeddedKafkaBroker broker;

        @Override
        public Map<String, String> start() {
            try {
                dataDir = Files.createTempDirectory("cascade-kafka-restartable-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            port = freePort();
            controllerPort = freePort();
            up();
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
        }

        @Override
        public void stop() {
            down();
        }

        public static synchronized void up() {
            if (broker == null) {
                broker = EmbeddedKafkaBroker.start(dataDir, port, controllerPort);
            }
        }

        public static synchronized void down() {
            if (broker != null) {
                broker.close();
                broker = null;
            }
        }

        public static String bootstrapServers() {
            return "127.0.0.1:" + port;
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }
    }
}
