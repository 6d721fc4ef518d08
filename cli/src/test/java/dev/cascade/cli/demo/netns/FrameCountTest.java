package dev.cascade.cli.demo.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FrameCountTest {

    /** What {@code ip -s -j link show} prints (iproute2 6.1), shortened to the fields that matter. */
    private static final String IP_JSON = """
            [{"ifindex":1,"ifname":"lo","mtu":65536,"stats64":{"rx":{"bytes":0,"packets":0,"errors":0},\
            "tx":{"bytes":0,"packets":0,"errors":0}}},\
            {"ifindex":7,"link_netnsid":0,"ifname":"p3","mtu":9000,"stats64":{"rx":{"bytes":9014042,"packets":1001,\
            "errors":0,"dropped":0},"tx":{"bytes":4200,"packets":100,"errors":0}}}]""";

    @Test
    void readsWhatEachInterfaceReceived() {
        Map<String, FrameCount> received = FrameCount.receivedByInterface(IP_JSON);

        assertThat(received).containsEntry("p3", new FrameCount(9_014_042, 1_001)).containsEntry("lo", FrameCount.ZERO);
    }

    @Test
    void theUdpPayloadIsTheBytesLessFortyTwoPerFrame() {
        FrameCount blocks = new FrameCount(1_000 * 9_014L + 42, 1_001); // 1000 jumbo frames and an ARP reply

        assertThat(blocks.udpPayload()).isEqualTo(1_000 * 8_972L);
        assertThat(FrameCount.sum(List.of(blocks, new FrameCount(100, 1))).minus(blocks)).isEqualTo(new FrameCount(100, 1));
    }

    @Test
    void outputThatIsNotIpsJsonIsNamed() {
        assertThatThrownBy(() -> FrameCount.receivedByInterface("Cannot find device"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printed no");
        assertThatThrownBy(() -> FrameCount.receivedByInterface("[{\"ifname\":\"eth0\"}]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eth0 has no rx counters");
    }
}
