package dev.cascade.benchmarks.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import dev.cascade.testkit.ServiceProcess;

/**
 * The embedded KRaft broker ({@link BrokerMain}) as a child JVM with the heap and GC options of
 * Kafka's own {@code kafka-server-start.sh}, started on the CPUs of the system under test.
 */
final class BrokerProcess implements AutoCloseable {

    private final ServiceProcess process;
    private final String bootstrapServers;

    private BrokerProcess(ServiceProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker under {@code dataDir} behind {@code launcher} (e.g. taskset), with
     * {@code extraJvmOptions} after Kafka's own, and waits until it answers.
     */
    static BrokerProcess start(Path dataDir, List<String> launcher, List<String> extraJvmOptions, Duration timeout) {
        int port = ServiceProcess.freePort();
        int controllerPort = ServiceProcess.freePort();
        List<String> jvm = new ArrayList<>(ChildJvms.KAFKA_SERVER);
        jvm.addAll(extraJvmOptions);
        List<String> command = ChildJvms.command(launcher, jvm, Map.of(), ChildJvms.main(BrokerMain.class,
                List.of(dataDir.toString(), Integer.toString(port), Integer.toString(controllerPort))));
        BrokerProcess broker = new BrokerProcess(ServiceProcess.launch("kafka-broker", command,
                dataDir.resolve("broker.log"), ""), "127.0.0.1:" + port);
        broker.awaitReady(timeout);
        return broker;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("the Kafka broker exited with code " + process.exitCode() + ":\n"
                        + process.logTail(30));
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
            }
        }
        close();
        throw new IllegalStateException("the Kafka broker at " + bootstrapServers + " did not answer within "
                + timeout.toSeconds() + " s (" + last + "); see " + process.log());
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    void createTopics(int partitions, Collection<String> topics) {
        try (Admin admin = admin()) {
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, partitions, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time (user + system, all threads) the broker has used so far, in nanoseconds. */
    long cpuNanos() {
        return process.cpuNanos();
    }

    /** SIGTERM (the broker closes its logs), then SIGKILL after 30 s. */
    @Override
    public void close() {
        process.stop(30);
    }
}
