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

    /**
     * Small messages from peers and the connector (seed 001: 34323). 0 binds a free port (tests).
     * Kept for existing deployments; {@code cascade.gateway.ports.small-messages} wins when set.
     */
    @WithDefault("34323")
    int smallMessagesPort();

    /** Every server port of docs/protocol.md §1; 0 binds a free port (tests). */
    Ports ports();

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

    /** The connector versions this gateway accepts in ACTIVATE, STATUS_REQUEST and KEY_ROTATION_REQUEST. */
    SupportedConnectorVersions supportedConnectorVersions();

    /** Per-source-IP limit on REJECT replies, so the gateway cannot be used as a reflector. */
    RejectRateLimit rejectRateLimit();

    /**
     * Per-source-IP limit on accepted datagrams of every family entering the Kafka queue (registrations,
     * connector requests, peer replies, control signals); beyond it: dropped as rate_limited.
     */
    RegisterRateLimit registerRateLimit();

    /** Per-source-IP limit on FRAGMENT datagrams entering reassembly; beyond it: dropped as rate_limited. */
    FragmentRateLimit fragmentRateLimit();

    /** Reassembly of large messages on the large-message ports (docs/protocol.md §10.6). */
    Reassembly reassembly();

    /** Outbound payloads too large for one datagram, sent as large messages off the Kafka consumer thread. */
    OutboundLarge outboundLarge();

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

    interface SupportedConnectorVersions {
        @WithDefault("1.0.0")
        String min();

        @WithDefault("1.99.99")
        String max();
    }

    /** The UDP server ports (seed 001, tables 1-8). */
    interface Ports {
        /** Small messages; absent = {@link GatewayConfig#smallMessagesPort()}. */
        Optional<Integer> smallMessages();

        /** Peers' ACKs of and replies to the gateway's small messages. */
        @WithDefault("34322")
        int smallReplies();

        @WithDefault("34331")
        int largeRepliesForeground();

        @WithDefault("34333")
        int largeMessagesForeground();

        @WithDefault("34339")
        int largeRepliesBackground();

        @WithDefault("34341")
        int largeMessagesBackground();

        /** Control signals for large transfers (adaptive protocol). */
        @WithDefault("34545")
        int control();
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

    interface FragmentRateLimit {
        /** The reference sender paces one message near 16 000 fragments/s (protocol.md §10.4): one sender at full speed fits. */
        @WithDefault("20000")
        double perSecond();

        @WithDefault("4000")
        int burst();

        @WithDefault("100000")
        int maxSources();
    }

    /** Defaults are those of {@code ReassemblyLimits.DEFAULTS} (protocol.md §10.6). */
    interface Reassembly {
        /** Largest total_length accepted; above it: refused TOO_LARGE. */
        @WithDefault("16777216")
        int maxMessageBytes();

        @WithDefault("8")
        int maxMessagesPerSender();

        @WithDefault("33554432")
        long maxBytesPerSender();

        /** Heap all messages in reassembly may hold together; beyond it new messages are refused BUSY. */
        @WithDefault("268435456")
        long maxBytesTotal();

        @WithDefault("30s")
        Duration incompleteTimeout();

        @WithDefault("60s")
        Duration completedMemory();

        @WithDefault("65536")
        int maxCompletedRemembered();

        @WithDefault("50ms")
        Duration ackDelay();

        /** How often due progress acks are sent and expired messages freed; well below the ack delay. */
        @WithDefault("10ms")
        Duration tickInterval();
    }

    interface OutboundLarge {
        /** Large messages sent at once (each paced at up to ~150 Mbit/s, protocol.md §10.4). */
        @WithDefault("4")
        int concurrentSends();

        /** Large messages waiting for a sending thread; beyond it the outbound record is dead-lettered. */
        @WithDefault("16")
        int queueCapacity();
    }

    interface Publish {
        /** Accepted datagrams (every family) waiting for the Kafka producer; beyond it a datagram is dropped as queue_full. */
        @WithDefault("10000")
        int queueCapacity();

        /** Producer max.block.ms: how long a send may wait for metadata or buffer space. */
        @WithDefault("5s")
        Duration maxBlock();

        /**
         * Producer max.request.size: a reassembled large message (up to 16 MiB, protocol.md §10.6) becomes one
         * record. The topics that carry large messages (cascade.connector.requests) need a max.message.bytes as large.
         */
        @WithDefault("20971520")
        int maxRequestBytes();

        /** Producer buffer.memory. */
        @WithDefault("33554432")
        long bufferMemory();

        /** Producer delivery.timeout.ms: after it a send fails and the peer gets no ACK. */
        @WithDefault("30s")
        Duration deliveryTimeout();

        /** On shutdown: how long queued and in-flight registrations may take to reach Kafka. */
        @WithDefault("10s")
        Duration closeTimeout();

        /**
         * Producer linger.ms: how long a record may wait for others to share its batch. Longer batches more under load;
         * every millisecond is added to the ACK's latency when the gateway is lightly loaded.
         */
        @WithDefault("2ms")
        Duration linger();
    }
}
