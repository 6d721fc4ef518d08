package dev.cascade.topology.model;

/**
 * A registered peer and the office it is in now, as the peer registry knows it.
 *
 * @param officeId its current office; null while its office is still pending
 */
public record PeerPlacement(String deviceId, String hostname, String ip, String officeId) {
}
