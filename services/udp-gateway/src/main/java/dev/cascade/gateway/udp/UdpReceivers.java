package dev.cascade.gateway.udp;

import java.util.List;

/** The receive threads of every server port, started and stopped together. */
public final class UdpReceivers {

    private final List<UdpReceiver> receivers;

    public UdpReceivers(List<UdpReceiver> receivers) {
        this.receivers = List.copyOf(receivers);
    }

    public void start() {
        receivers.forEach(UdpReceiver::start);
    }

    /** Stops every receive thread: each is woken by a datagram to its socket and ends after its current one. */
    public void stop() {
        receivers.forEach(UdpReceiver::requestStop);
        receivers.forEach(UdpReceiver::stop);
    }

    public boolean allAlive() {
        return receivers.stream().allMatch(UdpReceiver::isAlive);
    }
}
