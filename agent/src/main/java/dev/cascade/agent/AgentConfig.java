package dev.cascade.agent;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.wire.WireKey;

/**
 * The agent's settings after every default has been worked out: what the command line said, or
 * what {@link HostFacts} found where it said nothing.
 *
 * @param serverSocketAddress {@code server}, resolved
 * @param bind          the local address replies come back to (and the source of our datagrams)
 * @param replyPort     the local port; 0 lets the OS choose (tests)
 * @param cacheLimit    the most the cache may use; empty for "as much as the volume gives"
 * @param heartbeatInterval how often the running agent sends HEARTBEAT between registrations
 * @param roundPause    the first pause after a round of attempts went unanswered (long-running mode)
 * @param maxRoundPause the cap of that pause as it doubles
 */
public record AgentConfig(
        ServerAddress server,
        InetSocketAddress serverSocketAddress,
        WireKey key,
        Path stateDir,
        InetAddress bind,
        int replyPort,
        String hostname,
        InetAddress ip,
        int prefixLength,
        DeviceClass deviceClass,
        OsType osType,
        Path cacheDir,
        OptionalLong cacheLimit,
        boolean once,
        Duration reregisterInterval,
        Duration heartbeatInterval,
        int maxAttempts,
        Duration initialTimeout,
        Duration roundPause,
        Duration maxRoundPause) {

    /** The address as REGISTER carries it: plain textual form, without an IPv6 scope ("%eth0"). */
    public String ipText() {
        String text = ip.getHostAddress();
        int scope = text.indexOf('%');
        return ip instanceof Inet6Address && scope >= 0 ? text.substring(0, scope) : text;
    }
}
