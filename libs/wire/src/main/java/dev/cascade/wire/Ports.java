package dev.cascade.wire;

/** The default UDP ports of seed 001's tables 1-8 (DESIGN.md §3). Every port is configurable. */
public final class Ports {

    private Ports() {
    }

    // Server (udp-gateway) receives
    /** Client acks of and replies to the server's small messages. */
    public static final int SERVER_SMALL_REPLIES = 34322;
    /** Small messages from clients and from the connector (REGISTER, activation, status, app metadata). */
    public static final int SERVER_SMALL_MESSAGES = 34323;
    public static final int SERVER_LARGE_REPLIES_FOREGROUND = 34331;
    public static final int SERVER_LARGE_MESSAGES_FOREGROUND = 34333;
    public static final int SERVER_LARGE_REPLIES_BACKGROUND = 34339;
    public static final int SERVER_LARGE_MESSAGES_BACKGROUND = 34341;
    /** Control signal for large transfers (adaptive protocol), client to server. */
    public static final int SERVER_CONTROL = 34545;

    // Client (agent) receives
    /** Acks of and replies to the client's small messages. */
    public static final int CLIENT_SMALL_REPLIES = 34324;
    public static final int CLIENT_SMALL_MESSAGES = 34325;
    public static final int CLIENT_LARGE_REPLIES_FOREGROUND = 34335;
    public static final int CLIENT_LARGE_MESSAGES_FOREGROUND = 34337;
    public static final int CLIENT_LARGE_REPLIES_BACKGROUND = 34343;
    public static final int CLIENT_LARGE_MESSAGES_BACKGROUND = 34345;
    /** Subnet broadcast requests from other clients. */
    public static final int CLIENT_DISCOVERY = 34329;
    /** Content, foreground: same office, and from the server in the central office. */
    public static final int CLIENT_CONTENT_FOREGROUND = 34760;
    /** Content, background: from parent offices. */
    public static final int CLIENT_CONTENT_BACKGROUND = 34750;
    /** Control signal for large transfers between clients. */
    public static final int CLIENT_CONTROL = 34546;

    // Connector receives
    /** Server replies to activation, status checks and app metadata. */
    public static final int CONNECTOR_REPLIES = 34320;
}
