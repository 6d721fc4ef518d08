package dev.cascade.cli.local;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cascade.wire.Ports;

/** The gateway's UDP server ports (protocol.md §1), and the properties that set them. */
public record GatewayPorts(int smallMessages, int smallReplies, int largeRepliesForeground, int largeMessagesForeground,
                           int largeRepliesBackground, int largeMessagesBackground, int control) {

    /** The seed's port numbers (34322 ... 34545). */
    public static GatewayPorts defaults() {
        return offset(0);
    }

    /** The seed's port numbers plus {@code offset}: a second stack on one machine. */
    public static GatewayPorts offset(int offset) {
        return new GatewayPorts(Ports.SERVER_SMALL_MESSAGES + offset, Ports.SERVER_SMALL_REPLIES + offset,
                Ports.SERVER_LARGE_REPLIES_FOREGROUND + offset, Ports.SERVER_LARGE_MESSAGES_FOREGROUND + offset,
                Ports.SERVER_LARGE_REPLIES_BACKGROUND + offset, Ports.SERVER_LARGE_MESSAGES_BACKGROUND + offset,
                Ports.SERVER_CONTROL + offset);
    }

    /** Port by the name used in {@code cascade.gateway.ports.<name>}, in protocol order. */
    public Map<String, Integer> byName() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("small-messages", smallMessages);
        ports.put("small-replies", smallReplies);
        ports.put("large-replies-foreground", largeRepliesForeground);
        ports.put("large-messages-foreground", largeMessagesForeground);
        ports.put("large-replies-background", largeRepliesBackground);
        ports.put("large-messages-background", largeMessagesBackground);
        ports.put("control", control);
        return ports;
    }
}
