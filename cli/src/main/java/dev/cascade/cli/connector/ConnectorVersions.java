package dev.cascade.cli.connector;

import dev.cascade.wire.VersionRange;

/**
 * The versions this connector speaks as and accepts (protocol.md §16.6): it sends {@link #CONNECTOR_VERSION} in every
 * request (the gateway refuses a connector outside its range), and refuses a server outside {@link #SUPPORTED_SERVERS}.
 */
final class ConnectorVersions {

    static final String CONNECTOR_VERSION = "1.0.0";
    static final VersionRange SUPPORTED_SERVERS = new VersionRange("1.0.0", "1.99.99");

    private ConnectorVersions() {
    }

    /** Null when {@code serverVersion} is supported, else the sentence that says why not, naming both. */
    static String unsupportedServer(String serverVersion) {
        if (SUPPORTED_SERVERS.contains(serverVersion)) {
            return null;
        }
        return "server version " + (serverVersion.isEmpty() ? "(none given)" : "'" + serverVersion + "'")
                + " is outside this connector's supported server versions " + SUPPORTED_SERVERS
                + " (connector version " + CONNECTOR_VERSION + ")";
    }
}
