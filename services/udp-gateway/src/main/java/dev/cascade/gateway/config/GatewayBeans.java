package dev.cascade.gateway.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.Producer;

import dev.cascade.gateway.client.ActivationServiceKeyRing;
import dev.cascade.gateway.connector.ConnectorRequestValidator;
import dev.cascade.gateway.ingest.PayloadReader;
import dev.cascade.gateway.ingest.PublishingHandler;
import dev.cascade.gateway.ingest.WirePayloadReader;
import dev.cascade.gateway.kafka.ConnectorRequestRecords;
import dev.cascade.gateway.kafka.ControlSignalRecords;
import dev.cascade.gateway.kafka.EventPublisher;
import dev.cascade.gateway.kafka.EventRecords;
import dev.cascade.gateway.kafka.PeerRegisteredRecords;
import dev.cascade.gateway.kafka.PeerReportRecords;
import dev.cascade.gateway.kafka.PeerReplyRecords;
import dev.cascade.gateway.large.FragmentHandler;
import dev.cascade.gateway.large.FragmentReassembly;
import dev.cascade.gateway.large.ReassemblyTimer;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.outbound.FragmentAckRouter;
import dev.cascade.gateway.outbound.LargeOutboundSender;
import dev.cascade.gateway.outbound.OutboundSender;
import dev.cascade.gateway.outbound.PendingLargeSends;
import dev.cascade.gateway.peer.ControlSignalReader;
import dev.cascade.gateway.peer.PeerReplyReader;
import dev.cascade.gateway.udp.DatagramHandler;
import dev.cascade.gateway.udp.GatewaySockets;
import dev.cascade.gateway.udp.MessageHandler;
import dev.cascade.gateway.udp.RejectMessages;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.gateway.udp.ServerPort;
import dev.cascade.gateway.udp.SourceRateLimiter;
import dev.cascade.gateway.udp.UdpReceiver;
import dev.cascade.gateway.udp.UdpReceivers;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.large.Fragmenter;
import dev.cascade.wire.large.Reassembler;
import dev.cascade.wire.large.ReassemblyLimits;
import dev.cascade.wire.large.SendSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the gateway's plain classes from configuration. The rules live in those classes, not here. */
@Singleton
public class GatewayBeans {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    GatewayMetrics metrics(MeterRegistry registry) {
        return new GatewayMetrics(registry);
    }

    @Produces
    @Singleton
    GatewayIdentity identity(GatewayConfig config) {
        return GatewayIdentity.of(config.id(), config.serverId());
    }

    @Produces
    @Singleton
    SupportedVersions supportedVersions(GatewayConfig config) {
        return SupportedVersions.of(config.supportedClientVersions().min(), config.supportedClientVersions().max(),
                config.supportedConnectorVersions().min(), config.supportedConnectorVersions().max());
    }

    @Produces
    @Singleton
    GatewayKeys keys(KeysConfig keys, GatewayMetrics metrics) {
        return switch (KeySource.choose(keys.file(), keys.fleet(), keys.connector(), keys.activationService())) {
            case FILE -> GatewayKeys.fromFile(keys.file().orElseThrow(), metrics::keyReload);
            case PROPERTIES -> GatewayKeys.fromProperties(keys.fleet(), keys.connector());
            case ACTIVATION_SERVICE -> {
                ActivationServiceKeyRing activationService = ActivationServiceKeyRing.connect(
                        keys.activationService().orElseThrow(), keys.requestTimeout());
                KeyRing ring = new KeyRing(List.of());
                KeyRingPoller poller = new KeyRingPoller(activationService, ring, metrics::keyReload,
                        metrics::keyRingFetchFailed);
                metrics.keyRingRevision(() -> poller.loaded() ? poller.revision() : -1);
                yield GatewayKeys.polled(ring, poller, activationService);
            }
        };
    }

    void close(@Disposes GatewayKeys keys) {
        keys.close();
    }

    @Produces
    @Singleton
    GatewaySockets sockets(GatewayConfig config) {
        return GatewaySockets.from(config);
    }

    void close(@Disposes GatewaySockets sockets) {
        sockets.close();
    }

    /** The gateway has one sender id, so replies and outbound datagrams share one sequence space. */
    @Produces
    @Singleton
    SequenceCounter sequences() {
        return new SequenceCounter();
    }

    @Produces
    @Singleton
    RejectMessages rejectMessages(SupportedVersions versions, GatewayConfig config) {
        return new RejectMessages(versions, config.maxClockSkew());
    }

    @Produces
    @Singleton
    EventPublisher eventPublisher(Producer<String, byte[]> producer, GatewayMetrics metrics, GatewayConfig config) {
        return new EventPublisher(producer, metrics, config.publish().queueCapacity());
    }

    @Produces
    @Singleton
    OutboundSender outboundSender(GatewaySockets sockets, GatewayKeys keys, GatewayIdentity identity,
                                  SequenceCounter sequences, GatewayMetrics metrics, Clock clock,
                                  LargeOutboundSender largeSender) {
        return new OutboundSender(sockets.get(ServerPort.SMALL_REPLIES), keys.ring(), identity.serverId(), sequences,
                metrics, clock, largeSender);
    }

    @Produces
    @Singleton
    PendingLargeSends pendingLargeSends() {
        return new PendingLargeSends();
    }

    /** Fragments leave from the foreground large-replies socket, where the receiver's FRAGMENT_ACKs come back. */
    @Produces
    @Singleton
    LargeOutboundSender largeOutboundSender(GatewaySockets sockets, GatewayIdentity identity, SequenceCounter sequences,
                                            Clock clock, PendingLargeSends pending, GatewayMetrics metrics,
                                            GatewayConfig config) {
        return new LargeOutboundSender(sockets.get(ServerPort.LARGE_REPLIES_FOREGROUND), identity.serverId(), sequences,
                clock, new Fragmenter(), SendSettings.DEFAULTS, pending, metrics,
                config.outboundLarge().concurrentSends(), config.outboundLarge().queueCapacity());
    }

    void close(@Disposes LargeOutboundSender sender) {
        sender.close();
    }

    /**
     * The small-messages types that may also arrive as large messages: the connector's requests (APP_METADATA
     * above all) and the peer reports (an inventory of thousands of contents, a transfer report; heartbeats and
     * plan requests are accepted too, so a client need not special-case them). Not REGISTER: a registration is
     * never large, and as every peer holds the fleet key, a fleet-keyed 16 MiB "registration" (padded with
     * unknown fields, which protobuf keeps) would only be a way to push big records through the gateway. Its
     * fragments are dropped as unknown_type (protocol.md §10.1). The reports' list and text limits
     * (PayloadLimits) bound what they can carry besides such padding.
     */
    public static final Set<MessageType> LARGE_MESSAGE_TYPES = Set.of(MessageType.ACTIVATE, MessageType.STATUS_REQUEST,
            MessageType.APP_METADATA, MessageType.HEARTBEAT, MessageType.INVENTORY_REPORT, MessageType.TRANSFER_REPORT,
            MessageType.PLAN_REQUEST);

    /** One reassembler for both large-message ports. */
    @Produces
    @Singleton
    FragmentReassembly reassembly(GatewayConfig config, GatewayKeys keys, GatewayMetrics metrics, Clock clock) {
        GatewayConfig.Reassembly r = config.reassembly();
        ReassemblyLimits limits = new ReassemblyLimits(r.maxMessageBytes(), r.maxMessagesPerSender(),
                r.maxBytesPerSender(), r.maxBytesTotal(), r.incompleteTimeout(), r.completedMemory(),
                r.maxCompletedRemembered(), r.ackDelay());
        return new FragmentReassembly(new Reassembler(limits, LARGE_MESSAGE_TYPES), keys.ring(),
                metrics, clock);
    }

    @Produces
    @Singleton
    ReassemblyTimer reassemblyTimer(FragmentReassembly reassembly, GatewayConfig config, GatewayMetrics metrics) {
        return new ReassemblyTimer(reassembly, config.reassembly().tickInterval(), metrics);
    }

    void close(@Disposes ReassemblyTimer timer) {
        timer.close();
    }

    /** One receive thread per server port; one replay window per sender across all ports (one sequence space). */
    @Produces
    @Singleton
    UdpReceivers receivers(GatewaySockets sockets, GatewayKeys keys, GatewayConfig config, SupportedVersions versions,
                           EventPublisher publisher, RejectMessages rejects, SequenceCounter sequences,
                           GatewayIdentity identity, GatewayMetrics metrics, Clock clock,
                           FragmentReassembly reassembly, PendingLargeSends largeSends) {
        ReplayGuard replays = new ReplayGuard(config.replayMaxSenders());
        GatewayConfig.RejectRateLimit rejectLimit = config.rejectRateLimit();
        SourceRateLimiter rejectLimiter = new SourceRateLimiter(rejectLimit.perSecond(), rejectLimit.burst(),
                rejectLimit.maxSources(), System::nanoTime);
        GatewayConfig.RegisterRateLimit publishLimit = config.registerRateLimit();
        SourceRateLimiter publishLimiter = new SourceRateLimiter(publishLimit.perSecond(), publishLimit.burst(),
                publishLimit.maxSources(), System::nanoTime);
        GatewayConfig.FragmentRateLimit fragmentRate = config.fragmentRateLimit();
        SourceRateLimiter fragmentLimiter = new SourceRateLimiter(fragmentRate.perSecond(), fragmentRate.burst(),
                fragmentRate.maxSources(), System::nanoTime);
        List<UdpReceiver> receivers = new ArrayList<>();
        for (ServerPort port : ServerPort.values()) {
            ReplySender replies = new ReplySender(sockets.get(port), identity.serverId(), sequences, rejectLimiter,
                    metrics, clock);
            Map<MessageType, MessageHandler> routes = new EnumMap<>(MessageType.class);
            for (MessageType type : port.acceptedTypes()) {
                routes.put(type, switch (type) {
                    case REGISTER, HEARTBEAT, INVENTORY_REPORT, TRANSFER_REPORT, PLAN_REQUEST, ACTIVATE, STATUS_REQUEST,
                            APP_METADATA, KEY_ROTATION_REQUEST ->
                            wholeMessage(type, versions, identity, publisher, publishLimiter, replies, rejects, metrics,
                                    clock);
                    case ACK, REJECT -> publishing(new PeerReplyReader(), new PeerReplyRecords(identity.id()), false,
                            publisher, publishLimiter, replies, rejects, metrics, clock);
                    case CONTROL -> publishing(new ControlSignalReader(), new ControlSignalRecords(identity.id()), false,
                            publisher, publishLimiter, replies, rejects, metrics, clock);
                    // a completed large message is handled as on the small-messages port, but answered from this port
                    case FRAGMENT -> new FragmentHandler(reassembly, wholeMessages(versions, identity, publisher,
                            publishLimiter, replies, rejects, metrics, clock), fragmentLimiter, replies, rejects,
                            metrics, clock);
                    case FRAGMENT_ACK -> new FragmentAckRouter(largeSends, metrics);
                    default -> throw new IllegalStateException("no handler for " + type + " on the " + port.label()
                            + " port");
                });
            }
            DatagramVerifier verifier = new DatagramVerifier(keys.ring(), replays, config.maxClockSkew(), clock,
                    port.acceptedTypes());
            receivers.add(new UdpReceiver(sockets.get(port), new DatagramHandler(verifier, routes, replies, rejects,
                    metrics, clock), metrics));
        }
        return new UdpReceivers(receivers);
    }

    /** The small-messages port's handlers of the large-message types, replying through {@code replies}. */
    private static Map<MessageType, MessageHandler> wholeMessages(SupportedVersions versions, GatewayIdentity identity,
                                                                  EventPublisher publisher, SourceRateLimiter limiter,
                                                                  ReplySender replies, RejectMessages rejects,
                                                                  GatewayMetrics metrics, Clock clock) {
        Map<MessageType, MessageHandler> handlers = new EnumMap<>(MessageType.class);
        for (MessageType type : LARGE_MESSAGE_TYPES) {
            handlers.put(type, wholeMessage(type, versions, identity, publisher, limiter, replies, rejects, metrics,
                    clock));
        }
        return handlers;
    }

    private static MessageHandler wholeMessage(MessageType type, SupportedVersions versions, GatewayIdentity identity,
                                               EventPublisher publisher, SourceRateLimiter limiter, ReplySender replies,
                                               RejectMessages rejects, GatewayMetrics metrics, Clock clock) {
        return switch (type) {
            case REGISTER -> publishing(new WirePayloadReader(versions.client()), new PeerRegisteredRecords(identity.id()),
                    true, publisher, limiter, replies, rejects, metrics, clock);
            // acknowledged after Kafka as REGISTER is: the peer retransmits a report until it is durable
            case HEARTBEAT, INVENTORY_REPORT, TRANSFER_REPORT, PLAN_REQUEST -> publishing(
                    new WirePayloadReader(versions.client()), new PeerReportRecords(identity.id()), true, publisher,
                    limiter, replies, rejects, metrics, clock);
            case ACTIVATE, STATUS_REQUEST, APP_METADATA, KEY_ROTATION_REQUEST -> publishing(new ConnectorRequestValidator(versions.connector()),
                    new ConnectorRequestRecords(identity.id()), true, publisher, limiter, replies, rejects, metrics, clock);
            default -> throw new IllegalArgumentException(type + " is not a small-messages type");
        };
    }

    private static MessageHandler publishing(PayloadReader reader, EventRecords records, boolean answersSender,
                                             EventPublisher publisher, SourceRateLimiter limiter, ReplySender replies,
                                             RejectMessages rejects, GatewayMetrics metrics, Clock clock) {
        return new PublishingHandler(reader, records, answersSender, publisher, limiter, replies, rejects, metrics, clock);
    }
}
