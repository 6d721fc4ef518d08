package dev.cascade.wire.transfer;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.UUID;

import dev.cascade.wire.KeyRing;
import dev.cascade.wire.SequenceCounter;

/**
 * A holder for {@link WanLab}: serves a generated content with {@link PieceServer} until killed.
 * Arguments: bind address, port, content ({@link WanLab.ContentSpec}). Prints {@code serving <holder id>} when ready.
 */
public final class WanHolderMain {

    private WanHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        ContentFixture content = WanLab.ContentSpec.parse(args[2]).fixture();
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(args[0]),
                Integer.parseInt(args[1])));
        socket.setSendBufferSize(4 << 20);
        UUID id = UUID.randomUUID();
        PieceServer server = new PieceServer(socket, KeyRing.of(WanFetcherMain.FLEET), id, new SequenceCounter(),
                content.source(), ServePolicy.SERVE_ALL, ServerSettings.DEFAULTS, Clock.systemUTC()).start();
        System.out.println("serving " + id);
        Thread.sleep(Long.MAX_VALUE);
        server.close();
    }
}
