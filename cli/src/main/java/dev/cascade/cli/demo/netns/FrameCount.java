package dev.cascade.cli.demo.netns;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Ethernet frames one end of a link sent: bytes (Ethernet, IP and UDP headers included, as interface counters count
 * them) and frames.
 */
public record FrameCount(long bytes, long frames) {

    /** What a UDP datagram over IPv4 costs on Ethernet beyond its payload: Ethernet 14, IPv4 20, UDP 8. */
    public static final int UDP_FRAME_OVERHEAD = 14 + 20 + 8;
    public static final FrameCount ZERO = new FrameCount(0, 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    public FrameCount plus(FrameCount other) {
        return new FrameCount(bytes + other.bytes, frames + other.frames);
    }

    public FrameCount minus(FrameCount other) {
        return new FrameCount(bytes - other.bytes, frames - other.frames);
    }

    /**
     * The UDP payload those frames carried, taking every frame for a UDP datagram over IPv4 (what the WAN links carry;
     * an ARP frame's 42 bytes count as nothing, as they should).
     */
    public long udpPayload() {
        return Math.max(0, bytes - UDP_FRAME_OVERHEAD * frames);
    }

    /**
     * The frames each interface received, by name, from {@code ip -s -j link show}'s output. On a veth pair what one
     * end received is exactly what the other end sent (the kernel counts it once, at the sender).
     *
     * @throws IllegalArgumentException when the output is not that command's JSON
     */
    public static Map<String, FrameCount> receivedByInterface(String ipJson) {
        JsonNode interfaces;
        try {
            interfaces = JSON.readTree(ipJson);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("'ip -s -j link show' printed no JSON: " + e.getMessage(), e);
        }
        if (interfaces == null || !interfaces.isArray()) {
            throw new IllegalArgumentException("'ip -s -j link show' printed no list of interfaces: " + ipJson);
        }
        Map<String, FrameCount> received = new HashMap<>();
        for (JsonNode link : interfaces) {
            JsonNode rx = link.path("stats64").path("rx");
            if (!rx.has("bytes") || !rx.has("packets")) {
                throw new IllegalArgumentException("interface " + link.path("ifname").asText("?") + " has no rx counters in "
                        + "'ip -s -j link show': " + link);
            }
            received.put(link.path("ifname").asText(), new FrameCount(rx.path("bytes").asLong(), rx.path("packets").asLong()));
        }
        return received;
    }

    /** The sum over {@code counts}. */
    public static FrameCount sum(List<FrameCount> counts) {
        return counts.stream().reduce(ZERO, FrameCount::plus);
    }
}
