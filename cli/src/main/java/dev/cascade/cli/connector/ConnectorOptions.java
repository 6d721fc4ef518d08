package dev.cascade.cli.connector;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.cascade.wire.Ports;
import picocli.CommandLine.Option;

/** Where the server is and who this connector is: shared by every {@code cascade connector} command. */
final class ConnectorOptions {

    static final String DEFAULT_KEY_FILE = "./data/connector-key.properties";

    @Option(names = "--server", paramLabel = "HOST[:PORT]", defaultValue = "127.0.0.1:" + Ports.SERVER_SMALL_MESSAGES,
            description = "The gateway's small-message port (default: ${DEFAULT-VALUE})")
    String server;

    @Option(names = "--server-large-port", paramLabel = "PORT", defaultValue = "" + Ports.SERVER_LARGE_MESSAGES_FOREGROUND,
            description = "The gateway's large-message port, for app metadata that does not fit one datagram (default: ${DEFAULT-VALUE})")
    int serverLargePort;

    @Option(names = "--key-file", paramLabel = "PATH", defaultValue = DEFAULT_KEY_FILE,
            description = "The connector's key file: 'connector=<id>:<base64>' (the shared security key it signs with) and"
                    + " 'connector.retired=…@<instant>' (the previous one, during its grace period); activate and rotate-key"
                    + " replace it atomically (default: ${DEFAULT-VALUE})")
    Path keyFile;

    @Option(names = "--connector-id", paramLabel = "UUID",
            description = "The connector's id (default: the one kept in 'connector-id' beside the key file, created on first use)")
    String connectorId;

    @Option(names = "--listen-port", paramLabel = "PORT", defaultValue = "" + Ports.CONNECTOR_REPLIES,
            description = "The UDP port the connector sends from and the server answers to (default: ${DEFAULT-VALUE}; 0 = any free port)")
    int listenPort;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationText.class,
            description = "How long to wait for the server's result after it acknowledged the request (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "8",
            description = "Sends of a request before giving up, waiting 0.25 s, 0.5 s, 1 s … 8 s for an answer after each (default: ${DEFAULT-VALUE})")
    int attempts;

    /** Reads the key file and the connector id, and binds the connector's socket; bad options are refused first. */
    ConnectorSession open() {
        if (attempts < 1) {
            throw new IllegalArgumentException("--attempts must be at least 1, was " + attempts);
        }
        if (listenPort < 0 || listenPort > 65_535) {
            throw new IllegalArgumentException("--listen-port " + listenPort + " is outside 0..65535");
        }
        if (serverLargePort < 1 || serverLargePort > 65_535) {
            throw new IllegalArgumentException("--server-large-port " + serverLargePort + " is outside 1..65535");
        }
        ServerAddress address = ServerAddress.parse(server, Ports.SERVER_SMALL_MESSAGES);
        ConnectorKeys keys = ConnectorKeys.read(keyFile);
        UUID id = connectorId != null ? ConnectorIdentity.parse(connectorId.trim(), "--connector-id")
                : ConnectorIdentity.loadOrCreate(keyFile);
        address.socketAddress(); // resolve now: an unknown host is an error before anything is sent
        DatagramSocket socket = null;
        try {
            socket = new DatagramSocket(null);
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(listenPort));
        } catch (SocketException e) {
            if (socket != null) {
                socket.close();
            }
            throw new ConnectorException("cannot listen on UDP port " + listenPort + " (" + e.getMessage()
                    + "): is another connector running? --listen-port chooses another", e);
        }
        return new ConnectorSession(socket, id, keys, address, serverLargePort, attempts, timeout);
    }
}
