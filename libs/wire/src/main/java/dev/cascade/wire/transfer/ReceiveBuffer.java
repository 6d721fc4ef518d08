package dev.cascade.wire.transfer;

import java.net.DatagramSocket;
import java.net.SocketException;

/**
 * Sizes a requester's socket receive buffer for its windows (docs/protocol.md §17.4.1). Every block in flight may
 * be queued in the kernel while the fetch thread is busy (verifying and storing a piece, a GC pause, a descheduled
 * thread): a datagram that finds the buffer full is dropped, the requester takes the drop for congestion and halves
 * its window. Linux's default buffer (208 KiB) queues only 92 datagrams of 1 472 bytes and 12 of 8 972, against a
 * window of up to {@value CongestionWindow#MAX_WINDOW} blocks, so an unsized socket loses blocks at every pause.
 */
final class ReceiveBuffer {

    /**
     * Bytes the kernel charges a queued datagram, at most, per datagram byte: a 1 472-byte datagram is charged
     * 2 305–2 315 bytes (1.57×), an 8 972-byte one 16 644–17 749 (1.86–1.98×), measured on Linux 6. (Linux also
     * doubles the size set for this bookkeeping and Java reports the size set, so there the estimate is safe twice.)
     */
    static final int CHARGE_PER_BYTE = 2;

    private ReceiveBuffer() {
    }

    /**
     * Asks for a buffer that queues a full window of datagrams of {@code largestDatagram} bytes (never shrinking the
     * socket's buffer) and returns how many such datagrams the buffer granted queues — the system may grant less
     * (Linux caps it at {@code net.core.rmem_max}, 208 KiB on a stock system: 72 such datagrams of 1 472 bytes by
     * this estimate) — and never less than the minimum window.
     */
    static int queuedDatagrams(DatagramSocket socket, int largestDatagram) throws SocketException {
        int wanted = CongestionWindow.MAX_WINDOW * CHARGE_PER_BYTE * largestDatagram;
        if (socket.getReceiveBufferSize() < wanted) {
            socket.setReceiveBufferSize(wanted);
        }
        return Math.max(CongestionWindow.MIN_WINDOW,
                socket.getReceiveBufferSize() / (CHARGE_PER_BYTE * largestDatagram));
    }
}
