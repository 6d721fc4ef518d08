package dev.cascade.cli.connector;

import java.net.InetSocketAddress;

/**
 * Where the gateway's small-message port is, as given to {@code --server}: {@code HOST}, {@code HOST:PORT},
 * {@code [IPv6]:PORT} or a bare IPv6 literal. The port defaults to 34323.
 */
record ServerAddress(String host, int port) {

    ServerAddress {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("--server: the host is empty; expected HOST[:PORT], e.g. 127.0.0.1:34323");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--server: port " + port + " is outside 1..65535");
        }
    }

    static ServerAddress parse(String text, int defaultPort) {
        String trimmed = text.trim();
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("--server '" + text + "': missing ']' after the IPv6 address");
            }
            String rest = trimmed.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("--server '" + text + "': expected ':PORT' after ']'");
            }
            return new ServerAddress(trimmed.substring(1, close), rest.isEmpty() ? defaultPort : port(text, rest.substring(1)));
        }
        int colon = trimmed.indexOf(':');
        if (colon < 0 || trimmed.indexOf(':', colon + 1) >= 0) {
            return new ServerAddress(trimmed, defaultPort); // no port, or a bare IPv6 literal
        }
        return new ServerAddress(trimmed.substring(0, colon), port(text, trimmed.substring(colon + 1)));
    }

    private static int port(String text, String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--server '" + text + "': port '" + port + "' is not a number");
        }
    }

    /** The same host at another port (the gateway's large-message port). */
    InetSocketAddress at(int otherPort) {
        InetSocketAddress address = new InetSocketAddress(host, otherPort);
        if (address.isUnresolved()) {
            throw new ConnectorException("--server: cannot resolve host '" + host + "'");
        }
        return address;
    }

    InetSocketAddress socketAddress() {
        return at(port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
