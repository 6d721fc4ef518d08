package dev.cascade.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay's settings ({@code cascade.outbox.*}), the same keys in every service; documented in docs/operations.md. */
@ConfigMapping(prefix = "cascade.outbox")
public interface OutboxConfig {

    /** The safety-net poll: the relay is woken right after each commit that wrote to the outbox, and also this often. */
    @WithDefault("30s")
    Duration pollEvery();

    /** Rows read per database round trip. */
    @WithDefault("100")
    int batchSize();

    /** How long one event may take to be acknowledged by Kafka (all in-sync replicas) before the attempt fails. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** The first pause after a failed attempt; it doubles after each further failure, up to {@link #maxRetryDelay()}. */
    @WithDefault("1s")
    Duration retryDelay();

    @WithDefault("30s")
    Duration maxRetryDelay();

    /** Published rows are deleted once they are this old. */
    @WithDefault("7d")
    Duration retention();

    /**
     * The relay producer's {@code max.request.size}; the default is Kafka's own (1 MiB). A service
     * whose events are larger (metadata-service's notices carry every piece hash) raises it, and the
     * topic's {@code max.message.bytes} with it.
     */
    @WithDefault("1048576")
    int maxRecordBytes();
}
