package dev.cascade.agent;

/**
 * The version this agent announces in REGISTER's {@code client_version}. It is the wire-visible
 * client version the server checks against its supported range (1.0.0..1.99.99 by default),
 * deliberately separate from the Maven build version.
 */
public final class AgentVersion {

    public static final String CLIENT_VERSION = "1.0.0";

    private AgentVersion() {
    }
}
