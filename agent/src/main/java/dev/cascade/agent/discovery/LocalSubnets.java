package dev.cascade.agent.discovery;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The IPv4 subnets this machine is in, from its network interfaces: every interface that is up and
 * not loopback or point-to-point, every IPv4 address on it with its prefix length. IPv6 addresses
 * are left out (no broadcast); a machine on IPv6 only finds peers through the planner's list.
 */
public final class LocalSubnets {

    private LocalSubnets() {
    }

    public static List<Ipv4Subnet> detect() throws SocketException {
        List<Ipv4Subnet> subnets = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback() || nic.isPointToPoint()) {
                continue;
            }
            for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                if (address.getAddress() instanceof Inet4Address v4) {
                    subnets.add(new Ipv4Subnet(v4, address.getNetworkPrefixLength()));
                }
            }
        }
        return List.copyOf(subnets);
    }
}
