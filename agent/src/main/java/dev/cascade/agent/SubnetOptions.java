package dev.cascade.agent;

import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.OptionalInt;

import dev.cascade.agent.discovery.Ipv4Subnet;
import dev.cascade.agent.discovery.LocalSubnets;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The subnet options of the discovery commands: one given subnet, or every IPv4 subnet this machine is in. */
final class SubnetOptions {

    @Option(names = "--ip", paramLabel = "ADDRESS", converter = OptionConverters.AddressLiteral.class,
            description = "This device's IPv4 address in the subnet to use (default: every IPv4 address on an"
                    + " interface that is up, loopback excepted).")
    InetAddress ip;

    @Option(names = "--prefix-length", paramLabel = "BITS",
            description = "Prefix length of --ip (default: its network interface's).")
    Integer prefixLength;

    List<Ipv4Subnet> resolve(CommandLine commandLine) {
        if (ip == null) {
            if (prefixLength != null) {
                throw new ParameterException(commandLine, "--prefix-length: needs --ip, the address it belongs to");
            }
            List<Ipv4Subnet> found;
            try {
                found = LocalSubnets.detect();
            } catch (SocketException e) {
                throw new ParameterException(commandLine, "--ip: cannot list network interfaces (" + e.getMessage()
                        + "); pass --ip and --prefix-length");
            }
            if (found.isEmpty()) {
                throw new ParameterException(commandLine, "--ip: no interface that is up has an IPv4 address (IPv6 has no"
                        + " broadcast: IPv6-only peers use the planner's list); pass --ip and --prefix-length");
            }
            return found;
        }
        int prefix = prefixLength != null ? prefixLength : prefixOf(commandLine, ip);
        try {
            return List.of(Ipv4Subnet.of(ip, prefix));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, (prefixLength != null && ip instanceof java.net.Inet4Address
                    ? "--prefix-length: " : "--ip: ") + e.getMessage());
        }
    }

    private static int prefixOf(CommandLine commandLine, InetAddress address) {
        OptionalInt prefix;
        try {
            prefix = HostFacts.prefixLength(address);
        } catch (SocketException e) {
            throw new ParameterException(commandLine, "--prefix-length: cannot list network interfaces (" + e.getMessage()
                    + "); pass --prefix-length");
        }
        return prefix.orElseThrow(() -> new ParameterException(commandLine, "--prefix-length: no network interface holds "
                + address.getHostAddress() + ", so its prefix length is unknown; pass --prefix-length"));
    }
}
