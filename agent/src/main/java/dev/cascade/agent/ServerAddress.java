package dev.cascade.agent;

import dev.cascade.wire.Ports;

/**
 * The server as given on the command line: {@code HOST}, {@code HOST:PORT}, {@code [IPv6]:PORT} or
 * a bare IPv6 literal. The port defaults to the server's small-message port.
 */
public record ServerAddress(String host, int port) {

    public ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the server host is empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    public static ServerAddress parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + value + "' opens '[' without closing it; expected [IPv6]:PORT");
            }
            String rest = value.substring(close + 1);
            if (rest.isEmpty()) {
                return new ServerAddress(value.substring(1, close), Ports.SERVER_SMALL_MESSAGES);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + value + "' has '" + rest + "' after ']'; expected [IPv6]:PORT");
            }
            return new ServerAddress(value.substring(1, close), port(value, rest.substring(1)));
        }
        int colon = value.indexOf(':');
        if (colon < 0 || value.indexOf(':', colon + 1) >= 0) {
            // no colon, or several: a host name or a bare IPv6 literal
            return new ServerAddress(value, Ports.SERVER_SMALL_MESSAGES);
        }
        return new ServerAddress(value.substring(0, colon), port(value, value.substring(colon + 1)));
    }

    private static int port(String value, String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + port + "' in '" + value + "' is not a port number");
        }
    }

    /** HOST:PORT, with brackets around an IPv6 host, as people write it. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
