package dev.cascade.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class Ipv4SubnetTest {

    private static Ipv4Subnet subnet(String address, int prefix) throws Exception {
        return Ipv4Subnet.of(InetAddress.getByName(address), prefix);
    }

    @Test
    void theDirectedBroadcastAddressSetsEveryHostBit() throws Exception {
        assertThat(subnet("10.9.1.2", 24).broadcast()).contains((java.net.Inet4Address) InetAddress.getByName("10.9.1.255"));
        assertThat(subnet("172.16.5.9", 20).broadcast().orElseThrow().getHostAddress()).isEqualTo("172.16.15.255");
        assertThat(subnet("192.168.7.130", 25).broadcast().orElseThrow().getHostAddress()).isEqualTo("192.168.7.255");
        assertThat(subnet("192.168.7.5", 30).broadcast().orElseThrow().getHostAddress()).isEqualTo("192.168.7.7");
        assertThat(subnet("127.0.0.1", 8).broadcast().orElseThrow().getHostAddress()).isEqualTo("127.255.255.255");
        assertThat(subnet("10.1.2.3", 0).broadcast().orElseThrow().getHostAddress()).isEqualTo("255.255.255.255");
    }

    @Test
    void pointToPointAndHostSubnetsHaveNoBroadcastAddress() throws Exception {
        assertThat(subnet("10.0.0.0", 31).broadcast()).isEmpty();
        assertThat(subnet("10.0.0.1", 32).broadcast()).isEmpty();
    }

    @Test
    void containsTheAddressesOfItsNetworkOnly() throws Exception {
        Ipv4Subnet subnet = subnet("10.9.1.2", 24);

        assertThat(subnet.toString()).isEqualTo("10.9.1.0/24");
        assertThat(subnet.contains(InetAddress.getByName("10.9.1.200"))).isTrue();
        assertThat(subnet.contains(InetAddress.getByName("10.9.2.3"))).isFalse();
        assertThat(subnet.contains(InetAddress.getByName("::ffff:10.9.1.3"))).isTrue(); // Java maps it to IPv4
        assertThat(subnet.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
    }

    @Test
    void refusesIpv6BecauseIpv6HasNoBroadcast() throws Exception {
        assertThatThrownBy(() -> subnet("2001:db8::7", 64))
                .hasMessage("2001:db8:0:0:0:0:0:7 is not an IPv4 address: IPv6 has no broadcast, so broadcast discovery"
                        + " works on IPv4 subnets only");
        assertThatThrownBy(() -> subnet("10.1.1.1", 33)).hasMessage("prefix length 33 is outside 0..32 for IPv4 address 10.1.1.1");
    }
}
