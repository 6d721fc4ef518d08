package dev.cascade.activation.service;

/**
 * A UDP source address as the gateway writes it in events: {@code ip:port}, or {@code [ipv6]:port}.
 * Replies to the connector go back to it (the connector sends from its reply port, 34320).
 */
public record SourceAddress(String ip, int port) {

    /** Parses {@code text}; throws naming it when it is not {@code ip:port} or {@code [ipv6]:port} with a port 1..65535. */
    public static SourceAddress parse(String text) {
        String value = text == null ? "" : text.strip();
        String host;
        String port;
        if (value.startsWith("[")) {
            int end = value.indexOf("]:");
            if (end < 0) {
                throw invalid(text);
            }
            host = value.substring(1, end);
            port = value.substring(end + 2);
        } else {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || value.indexOf(':') != colon) {
                throw invalid(text);
            }
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
        }
        try {
            int number = Integer.parseInt(port);
            if (host.isBlank() || number < 1 || number > 65535) {
                throw invalid(text);
            }
            return new SourceAddress(host, number);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("source_address '" + text + "' is not ip:port or [ipv6]:port");
    }
}
