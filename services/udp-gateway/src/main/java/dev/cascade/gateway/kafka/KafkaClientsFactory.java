package dev.cascade.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.cascade.gateway.config.GatewayConfig;
import dev.cascade.gateway.config.GatewayIdentity;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The gateway's Kafka clients, from {@code kafka.bootstrap.servers}: a plain producer (the ACK
 * must wait for the broker's acknowledgement of this very record, which the callback gives
 * directly) and the reachability probe's admin client.
 */
@Singleton
public class KafkaClientsFactory {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Produces
    @Singleton
    Producer<String, byte[]> producer(GatewayConfig config, GatewayIdentity identity) {
        GatewayConfig.Publish publish = config.publish();
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, identity.id());
        // durable on every in-sync replica before the peer hears ACK; no duplicates from producer retries
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publish.maxBlock().toMillis());
        settings.put(ProducerConfig.BUFFER_MEMORY_CONFIG, publish.bufferMemory());
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, publish.maxRequestBytes());
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) publish.deliveryTimeout().toMillis());
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(10_000, publish.deliveryTimeout().toMillis() - 10));
        settings.put(ProducerConfig.LINGER_MS_CONFIG, (int) publish.linger().toMillis());
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /** Flushes what is still in flight (bounded) and closes. */
    void close(@Disposes Producer<String, byte[]> producer, GatewayConfig config) {
        producer.close(config.publish().closeTimeout());
    }

    @Produces
    @Singleton
    KafkaReachability reachability(GatewayIdentity identity) {
        return new KafkaReachability(() -> Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, identity.id() + "-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000)),
                Duration.ofSeconds(5), Duration.ofSeconds(3), System::nanoTime);
    }

    void close(@Disposes KafkaReachability reachability) {
        reachability.close();
    }
}
