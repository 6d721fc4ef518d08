package dev.cascade.agent.discovery;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;

/**
 * A peer that answered a DISCOVER: where to fetch from and what it has.
 *
 * @param deviceId    the DISCOVER_REPLY's sender id
 * @param address     the reply's source address (in the asker's subnet)
 * @param contentPort where it serves content
 * @param pieces      the pieces it holds
 * @param busy        every upload slot taken: ask it last
 */
public record Holder(UUID deviceId, InetAddress address, int contentPort, PieceBitmap pieces, boolean busy) {

    /** Who to ask first: not busy before busy, then most pieces held, then by address (stable output). */
    public static final Comparator<Holder> MOST_USEFUL_FIRST = Comparator.comparing(Holder::busy)
            .thenComparing(Comparator.comparingInt((Holder h) -> h.pieces().heldCount()).reversed())
            .thenComparing(Holder::address, (a, b) -> Arrays.compare(a.getAddress(), b.getAddress()));
}
