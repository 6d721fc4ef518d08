package dev.cascade.gateway.config;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the UDP gateway, {@code cascade.gateway.*}. Keys are configured separately ({@link KeysConfig}). */
@ConfigMapping(prefix = "cascade.gateway")
public interface GatewayConfig {

    /** Bind address of the UDP sockets. */
    @WithDefault("0.0.0.0")
    String host();

    /** Small messages from peers and the connector (seed 001: 34323). 0 binds a free port (tests). */
    @WithDefault("34323")
    int smallMessagesPort();

    /** This replica's name: reported in every event's gateway_id. */
    @WithDefault("udp-gateway")
    String id();

    /** The sender id of the gateway's replies; derived from {@link #id()} when absent. */
    Optional<UUID> serverId();

    /** How far a datagram's timestamp may be from the gateway clock. */
    @WithDefault("300s")
    Duration maxClockSkew();

    /** Senders whose replay windows are remembered (least recently heard forgotten first). */
    @WithDefault("1000000")
    int replayMaxSenders();

    /** The agent versions this gateway accepts (docs/protocol.md §7). */
    SupportedClientVersions supportedClientVersions();

    /** Per-source-IP limit on REJECT replies, so the gateway cannot be used as a reflector. */
    RejectRateLimit rejectRateLimit();

    /** Per-source-IP limit on registrations entering the Kafka queue; beyond it: dropped as rate_limited. */
    RegisterRateLimit registerRateLimit();

    /** Hand-off to Kafka. */
    Publish publish();

    /** SO_RCVBUF of the UDP socket (the kernel may cap it). */
    @WithDefault("4194304")
    int socketReceiveBufferBytes();

    /** How often {@code cascade.keys.file} is checked for a change. */
    @WithDefault("3s")
    Duration keyFileCheckInterval();

    interface SupportedClientVersions {
        @WithDefault("1.0.0")
        String min();

        @WithDefault("1.99.99")
        String max();
    }

    interface RejectRateLimit {
        /** Tokens added per second and source IP. */
        @WithDefault("5")
        double perSecond();

        /** Bucket size: REJECTs one source can get at once. */
        @WithDefault("10")
        int burst();

        /** Source IPs tracked at most (least recently seen forgotten first). */
        @WithDefault("100000")
        int maxSources();
    }

    interface RegisterRateLimit {
        /** Generous: many peers may share one address behind a NAT. */
        @WithDefault("200")
        double perSecond();

        @WithDefault("2000")
        int burst();

        @WithDefault("100000")
        int maxSources();
    }

    interface Publish {
        /** Accepted registrations waiting for the Kafka producer; beyond it a datagram is dropped as queue_full. */
        @WithDefault("10000")
        int queueCapacity();

        /** Producer max.block.ms: how long a send may wait for metadata or buffer space. */
        @WithDefault("5s")
        Duration maxBlock();

        /** Producer buffer.memory. */
        @WithDefault("33554432")
        long bufferMemory();

        /** Producer delivery.timeout.ms: after it a send fails and the peer gets no ACK. */
        @WithDefault("30s")
        Duration deliveryTimeout();

        /** On shutdown: how long queued and in-flight registrations may take to reach Kafka. */
        @WithDefault("10s")
        Duration closeTimeout();
    }
}
