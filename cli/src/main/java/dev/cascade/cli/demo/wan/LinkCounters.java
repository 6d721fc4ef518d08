package dev.cascade.cli.demo.wan;

import java.time.Duration;

/**
 * What one direction of a WAN link carried, as measured by the link itself.
 *
 * @param link the link's name, e.g. {@code "HQ → Branch-A"}
 * @param office the office whose link to its parent this is
 * @param direction {@link LinkDirection#DOWN} towards the office, {@link LinkDirection#UP} towards its parent
 * @param datagramsDelivered datagrams that reached the far end
 * @param bytesDelivered their UDP payload bytes
 * @param wireBytesDelivered the same with 28 bytes of IPv4 and UDP headers per datagram: what the WAN carried
 * @param datagramsDropped datagrams dropped because the queue was full (waiting would exceed the queue limit)
 * @param bytesDropped their UDP payload bytes
 * @param queueingDelay how long a datagram entering now would wait
 * @param maxQueueingDelay the longest wait of a datagram that was let in
 * @param meanQueueingDelay the mean wait of the datagrams let in
 */
public record LinkCounters(String link, String office, LinkDirection direction, long datagramsDelivered,
                           long bytesDelivered, long wireBytesDelivered, long datagramsDropped, long bytesDropped,
                           Duration queueingDelay, Duration maxQueueingDelay, Duration meanQueueingDelay) {
}
