package dev.cascade.gateway.outbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.KeyFamily;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.GatewaySocket;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Ports;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;

/**
 * Sends what a service put on {@code cascade.gateway.outbound}: checks it, tags it with the current
 * key of its family (or the key its {@code key_id} names) and a new sequence number of the gateway's one sequence space, and sends it from
 * the small-replies port's socket, so that the peer's ACK or reply (sent to the datagram's source
 * address, docs/protocol.md §1) arrives on the port that publishes replies to {@code cascade.peer.replies}.
 * A payload too large for one datagram goes to {@link LargeOutboundSender} as a large message.
 */
public final class OutboundSender {

    private static final Logger LOG = Logger.getLogger(OutboundSender.class);

    private final GatewaySocket via;
    private final KeyRing keys;
    private final UUID serverId;
    private final SequenceCounter sequences;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final LargeOutboundSender largeSender;

    public OutboundSender(GatewaySocket via, KeyRing keys, UUID serverId, SequenceCounter sequences,
                          GatewayMetrics metrics, Clock clock, LargeOutboundSender largeSender) {
        this.largeSender = largeSender;
        this.via = via;
        this.keys = keys;
        this.serverId = serverId;
        this.sequences = sequences;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Sends {@code outbound}, or throws {@link OutboundRefused} naming what is wrong with it (the
     * caller dead-letters it). A socket error is counted and logged but not thrown: to the sender a
     * lost datagram and an unsent one look the same, and the service that asked retransmits.
     */
    public void send(OutboundDatagram outbound) {
        try {
            sendChecked(outbound);
        } catch (OutboundRefused e) {
            metrics.outboundFailed(e.label());
            throw e;
        }
    }

    private void sendChecked(OutboundDatagram outbound) {
        int code = outbound.getMessageType();
        MessageType type = MessageType.fromCode(code).orElseThrow(() -> new OutboundRefused("invalid",
                "message_type " + code + " is not a message type of protocol v1"));
        KeyPurpose purpose = purpose(outbound.getKeyFamily());
        if (type.requiredPurpose() != KeyPurpose.ANY && type.requiredPurpose() != purpose) {
            throw new OutboundRefused("invalid", "message_type " + type + " must be tagged with the "
                    + type.requiredPurpose() + " key, not " + purpose + " (key_family)");
        }
        IpLiteral address = IpLiteral.parse(outbound.getDestinationAddress()).orElseThrow(() -> new OutboundRefused(
                "invalid", "destination_address '" + outbound.getDestinationAddress()
                        + "' is not an IPv4 or IPv6 address literal"));
        int port = outbound.getDestinationPort();
        if (port < 1 || port > 65_535) {
            throw new OutboundRefused("invalid", "destination_port " + Integer.toUnsignedString(port)
                    + " is not a UDP port; expected 1..65535");
        }
        int size = outbound.getPayload().size();
        WireKey key = key(outbound, type, purpose);
        if (size > DatagramCodec.MAX_PAYLOAD_SIZE) {
            sendLarge(outbound, type, key, address, size);
            return;
        }
        byte[] datagram = DatagramCodec.encode(type, serverId, key, sequences.next(), clock.millis(),
                outbound.getPayload().toByteArray());
        InetSocketAddress target = new InetSocketAddress(address.address(), port);
        try {
            via.send(datagram, target);
            metrics.outboundSent(type);
        } catch (IOException e) {
            metrics.outboundFailed("send_failed");
            LOG.warnf("cannot send outbound %s (event %s) to %s: %s", type, outbound.getEventId(), target,
                    e.getMessage());
        }
    }

    /** Too large for one datagram: a large message to the destination's large-message port (protocol.md §10). */
    private void sendLarge(OutboundDatagram outbound, MessageType type, WireKey key, IpLiteral address, int size) {
        if (size > largeSender.maxMessageBytes()) {
            throw new OutboundRefused("too_large", "payload of " + size + " bytes exceeds the large-message limit of "
                    + largeSender.maxMessageBytes() + " bytes");
        }
        if (type == MessageType.FRAGMENT || type == MessageType.FRAGMENT_ACK) {
            throw new OutboundRefused("invalid", "message_type " + type + " cannot be sent as a large message");
        }
        long largePort = Integer.toUnsignedLong(outbound.getLargeMessagePort());
        if (largePort > 65_535) {
            throw new OutboundRefused("invalid", "large_message_port " + largePort
                    + " is not a UDP port; expected 1..65535, or 0 for " + Ports.CLIENT_LARGE_MESSAGES_FOREGROUND);
        }
        int port = largePort == 0 ? Ports.CLIENT_LARGE_MESSAGES_FOREGROUND : (int) largePort;
        largeSender.submit(type, outbound.getPayload().toByteArray(), key, new InetSocketAddress(address.address(), port),
                outbound.getEventId());
    }

    /**
     * The key to tag with: the one {@code key_id} names when set (a reply carrying a new key wrapped with the old one
     * is verifiable only with the old one, protocol.md §16), else the current key of the family.
     */
    private WireKey key(OutboundDatagram outbound, MessageType type, KeyPurpose purpose) {
        long keyId = Integer.toUnsignedLong(outbound.getKeyId());
        if (keyId == 0) {
            return keys.current(purpose).orElseThrow(() -> new OutboundRefused("no_key",
                    "the gateway has no current " + purpose + " key to tag " + type + " with"));
        }
        Optional<WireKey> valid = keys.find(keyId, clock.instant());
        if (valid.isPresent() && valid.get().purpose() == purpose) {
            return valid.get();
        }
        String family = purpose.name().toLowerCase(Locale.ROOT);
        Optional<WireKey> held = keys.all().stream().filter(k -> k.id() == keyId).findFirst();
        if (held.isEmpty()) {
            throw new OutboundRefused("unknown_key", "key_id " + keyId + " is not a key this gateway holds; expected"
                    + " the id of a current or still valid retired " + family + " key (key_family) to tag " + type
                    + " with");
        }
        if (held.get().purpose() != purpose) {
            throw new OutboundRefused("unknown_key", "key_id " + keyId + " is a "
                    + held.get().purpose().name().toLowerCase(Locale.ROOT) + " key, not a " + family
                    + " key (key_family); " + type + " is not tagged with it");
        }
        throw new OutboundRefused("unknown_key", "key_id " + keyId + " is a retired " + family
                + " key whose grace period ended at " + held.get().notAfter() + "; " + type + " is not tagged with it");
    }

    private static KeyPurpose purpose(KeyFamily family) {
        return switch (family) {
            case KEY_FAMILY_FLEET -> KeyPurpose.FLEET;
            case KEY_FAMILY_CONNECTOR -> KeyPurpose.CONNECTOR;
            default -> throw new OutboundRefused("invalid", "key_family " + family
                    + " is not set; expected KEY_FAMILY_FLEET or KEY_FAMILY_CONNECTOR");
        };
    }
}
