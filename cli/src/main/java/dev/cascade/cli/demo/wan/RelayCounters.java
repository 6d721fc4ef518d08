package dev.cascade.cli.demo.wan;

/**
 * What one {@link WanRelay} took in and turned away. What crossed the WAN is counted by the links
 * ({@link WanCounters}); these count the relay's own side.
 *
 * @param datagramsUp datagrams from requesters sent up a path towards the holder
 * @param bytesUp their UDP payload bytes
 * @param datagramsDown datagrams from the holder sent down a path towards a requester
 * @param bytesDown their UDP payload bytes
 * @param unroutableDatagrams datagrams from a requester whose address is in no office of the topology, dropped
 * @param failures sockets that could not be opened, sends the kernel refused, receives that failed
 * @param lastFailure what the last failure was, or null
 * @param openUpstreams requesters with an upstream socket open now
 */
public record RelayCounters(long datagramsUp, long bytesUp, long datagramsDown, long bytesDown,
                            long unroutableDatagrams, long failures, String lastFailure, int openUpstreams) {
}
