package dev.cascade.cli.demo.wan;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in holder on a real UDP socket: answers each request (a datagram starting with a 4-byte request number)
 * with {@code answers} datagrams of {@code size} bytes sent back to the request's source, each starting with the
 * request number and its own index and filled with a pattern of both. Records where every request came from.
 */
final class AnsweringHolder implements AutoCloseable {

    final DatagramSocket socket;
    final List<InetSocketAddress> sources = new CopyOnWriteArrayList<>();
    private final int answers;
    private final int size;
    private final Thread thread;
    private volatile boolean closed;

    AnsweringHolder(InetSocketAddress address, int answers, int size) throws SocketException {
        this.socket = new DatagramSocket(address);
        socket.setReceiveBufferSize(4 << 20);
        socket.setSendBufferSize(4 << 20);
        this.answers = answers;
        this.size = size;
        this.thread = new Thread(this::run, "answering-holder");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void run() {
        byte[] buffer = new byte[65_536];
        while (!closed) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                sources.add((InetSocketAddress) packet.getSocketAddress());
                int request = ByteBuffer.wrap(buffer, 0, 4).getInt();
                for (int i = 0; i < answers; i++) {
                    byte[] answer = answer(request, i, size);
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("the answering holder failed", e);
                }
            }
        }
    }

    /** The {@code index}-th answer to request {@code request}. */
    static byte[] answer(int request, int index, int size) {
        byte[] answer = new byte[size];
        ByteBuffer.wrap(answer).putInt(request).putInt(index);
        for (int b = 8; b < size; b++) {
            answer[b] = (byte) (request * 31 + index * 7 + b);
        }
        return answer;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        socket.close();
        thread.join(2_000);
    }
}
