package dev.cascade.wire.transfer;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;

import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;

/**
 * A requester for {@link WanLab}: fetches a generated content from one holder with {@link PieceFetcher}, the
 * background (delay-based) or foreground (AIMD) settings, and prints what happens with wall-clock milliseconds, so the
 * test can line it up with ping and iperf3: {@code start <ms>}, {@code piece <ms> <held>}, {@code busy <ms> <true|false>},
 * {@code done <ms> complete=… seconds=… bytes=… intact=…}, {@code source <outcome>: <detail>}. Arguments: holder address, port, holder id, mode, content,
 * and how many pieces to fetch first, unmeasured, to warm the JIT up (0: none).
 */
public final class WanFetcherMain {

    static final WireKey FLEET = new WireKey(3, KeyPurpose.FLEET, filled(32, 0x3C), null);

    private WanFetcherMain() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress holder = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        UUID holderId = UUID.fromString(args[2]);
        FetchSettings settings = switch (args[3]) {
            case "background" -> FetchSettings.BACKGROUND;
            case "foreground" -> FetchSettings.DEFAULTS;
            default -> throw new IllegalArgumentException("mode '" + args[3] + "' must be background or foreground");
        };
        ContentFixture content = WanLab.ContentSpec.parse(args[4]).fixture();
        int warmUpPieces = Integer.parseInt(args[5]);
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(0));
        socket.setReceiveBufferSize(4 << 20);
        UUID requester = UUID.randomUUID();
        SequenceCounter sequences = new SequenceCounter();
        if (warmUpPieces > 0) {
            // the first pieces once, so that the measured fetch runs compiled code as a long-running agent does
            BitSet rest = new BitSet();
            rest.set(warmUpPieces, content.manifest.pieceCount());
            new PieceFetcher(socket, KeyRing.of(FLEET), requester, sequences, settings, Clock.systemUTC())
                    .fetch(content.manifest, List.of(FetchSource.holdingAll(holderId, holder)), rest,
                            content.new VerifyingSink(rest), FetchProgress.NONE);
            Thread.sleep(1_000); // the bottleneck's queue drains before the measured fetch
        }
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();
        PieceFetcher fetcher = new PieceFetcher(socket, KeyRing.of(FLEET), requester, sequences, settings,
                Clock.systemUTC());
        long start = System.nanoTime();
        System.out.println("start " + System.currentTimeMillis());
        FetchResult result = fetcher.fetch(content.manifest, List.of(FetchSource.holdingAll(holderId, holder)),
                new BitSet(), sink, new FetchProgress() {
                    @Override
                    public void pieceAccepted(int piece, UUID source, int held, int total) {
                        System.out.println("piece " + System.currentTimeMillis() + " " + held);
                    }

                    @Override
                    public void wanBusy(UUID source, boolean busy) {
                        System.out.println("busy " + System.currentTimeMillis() + " " + busy);
                    }
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("done %d complete=%s seconds=%.3f bytes=%d intact=%s rerequested=%d%n",
                System.currentTimeMillis(), result.complete(), seconds, result.sources().get(0).bytes(),
                Arrays.equals(sink.received, content.content), result.blocksRerequested());
        System.out.println("source " + result.sources().get(0).outcome() + ": " + result.sources().get(0).detail());
        socket.close();
    }

    private static byte[] filled(int n, int value) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
