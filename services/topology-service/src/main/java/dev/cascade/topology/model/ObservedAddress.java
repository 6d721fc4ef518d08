package dev.cascade.topology.model;

/**
 * An interface address a peer (or the server) reported: its IP and the prefix length of its subnet
 * mask, e.g. 10.1.2.37 with 24 for mask 255.255.255.0.
 */
public record ObservedAddress(String ip, int prefixLength) {
}
