package dev.cascade.gateway.udp;

import java.util.Set;

import dev.cascade.gateway.config.GatewayConfig;
import dev.cascade.wire.MessageType;

/**
 * The gateway's UDP server ports (docs/protocol.md §1) and the message types each accepts; any
 * other type arriving on a port is dropped as {@code unknown_type}.
 */
public enum ServerPort {
    SMALL_MESSAGES("small-messages", Set.of(MessageType.REGISTER, MessageType.HEARTBEAT, MessageType.INVENTORY_REPORT,
            MessageType.TRANSFER_REPORT, MessageType.PLAN_REQUEST, MessageType.ACTIVATE, MessageType.STATUS_REQUEST,
            MessageType.APP_METADATA, MessageType.KEY_ROTATION_REQUEST)),
    SMALL_REPLIES("small-replies", Set.of(MessageType.ACK, MessageType.REJECT)),
    LARGE_REPLIES_FOREGROUND("large-replies-foreground", Set.of(MessageType.FRAGMENT_ACK)),
    LARGE_MESSAGES_FOREGROUND("large-messages-foreground", Set.of(MessageType.FRAGMENT)),
    LARGE_REPLIES_BACKGROUND("large-replies-background", Set.of(MessageType.FRAGMENT_ACK)),
    LARGE_MESSAGES_BACKGROUND("large-messages-background", Set.of(MessageType.FRAGMENT)),
    CONTROL("control", Set.of(MessageType.CONTROL));

    private final String label;
    private final Set<MessageType> acceptedTypes;

    ServerPort(String label, Set<MessageType> acceptedTypes) {
        this.label = label;
        this.acceptedTypes = acceptedTypes;
    }

    /** The name in {@code GET /gateway/status}, in thread names and in the property {@code cascade.gateway.ports.<label>}. */
    public String label() {
        return label;
    }

    public Set<MessageType> acceptedTypes() {
        return acceptedTypes;
    }

    /** The configured port number (0 = a free port). */
    public int configuredPort(GatewayConfig config) {
        GatewayConfig.Ports ports = config.ports();
        return switch (this) {
            case SMALL_MESSAGES -> ports.smallMessages().orElse(config.smallMessagesPort());
            case SMALL_REPLIES -> ports.smallReplies();
            case LARGE_REPLIES_FOREGROUND -> ports.largeRepliesForeground();
            case LARGE_MESSAGES_FOREGROUND -> ports.largeMessagesForeground();
            case LARGE_REPLIES_BACKGROUND -> ports.largeRepliesBackground();
            case LARGE_MESSAGES_BACKGROUND -> ports.largeMessagesBackground();
            case CONTROL -> ports.control();
        };
    }

    /** The property that sets this port, for error messages. */
    public String property() {
        return this == SMALL_MESSAGES
                ? "cascade.gateway.ports.small-messages / cascade.gateway.small-messages-port"
                : "cascade.gateway.ports." + label;
    }
}
