package dev.cascade.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.cascade.contracts.Topics;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaTestClient;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;

/** What the gateway's integration tests share: the key file, the meters, and reading the topic. */
abstract class GatewayTestSupport {

    @ConfigProperty(name = "cascade.keys.file")
    Path keyFile;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MeterRegistry registry;

    /** The fleet key peers sign with now (rotation tests may have replaced the first one). */
    WireKey fleetKey() {
        return KeyFile.current(keyFile, KeyPurpose.FLEET);
    }

    double rejected(DropReason reason) {
        return counter(GatewayMetrics.REJECTED, "reason", reason.label());
    }

    double counter(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    double counter(String name) {
        return registry.get(name).counter().count();
    }

    /** Every PeerRegistered record of {@code device} on the topic (reads for a few seconds). */
    List<ConsumerRecord<String, byte[]>> recordsOf(UUID device) {
        return new KafkaTestClient(bootstrapServers).read(Topics.PEER_REGISTRATIONS, Integer.MAX_VALUE, Duration.ofSeconds(4))
                .stream().filter(record -> device.toString().equals(record.key())).toList();
    }
}
