package dev.cascade.cli.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void namesEveryTakenPortWithItsPurpose() throws Exception {
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> new PortCheck()
                    .tcp("127.0.0.1", tcp.getLocalPort(), "Kafka")
                    .udp("127.0.0.1", udp.getLocalPort(), "udp-gateway small messages")
                    .requireAllFree())
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("TCP 127.0.0.1:" + tcp.getLocalPort() + " (Kafka)")
                    .hasMessageContaining("UDP 127.0.0.1:" + udp.getLocalPort() + " (udp-gateway small messages)");
        }
    }

    @Test
    void freePortsPass() throws Exception {
        int tcpPort;
        int udpPort;
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            tcpPort = tcp.getLocalPort();
            udpPort = udp.getLocalPort();
        }
        assertThatCode(() -> new PortCheck().tcp("127.0.0.1", tcpPort, "x").udp("127.0.0.1", udpPort, "y").requireAllFree())
                .doesNotThrowAnyException();
    }
}
