package dev.cascade.wire.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;

/**
 * A requester whose thread pauses — the agent's sink verifies and writes each piece on the fetch thread — on real
 * loopback sockets left at the system's buffer sizes, as the agent opens them.
 */
@Timeout(60)
class PausedFetchTest {

    private static final WireKey FLEET = new WireKey(3, KeyPurpose.FLEET, new byte[32], null);

    @Test
    void blocksQueuedDuringAPauseLongerThanTheTimeoutAreNeitherDroppedNorAskedForAgain() throws Exception {
        ContentFixture content = new ContentFixture("app-paused", 6 * 256 * 1024, 256 * 1024, 11);
        UUID holderId = UUID.randomUUID();
        try (DatagramSocket holderSocket = loopbackSocket(); DatagramSocket fetcherSocket = loopbackSocket();
             PieceServer holder = new PieceServer(holderSocket, KeyRing.of(FLEET), holderId, new SequenceCounter(),
                     content.source(), ServePolicy.SERVE_ALL, ServerSettings.DEFAULTS, Clock.systemUTC()).start()) {
            // a 100 ms timeout against a 250 ms pause after every piece: each pause outlasts the timeout (2 s before
            // the first round trip is measured: this JVM's first answers may take longer to come)
            FetchSettings settings = new FetchSettings(1472, 16, 2, Duration.ofSeconds(2), Duration.ofMillis(100),
                    Duration.ofSeconds(2), 6, 10, Duration.ofMillis(750), Duration.ofSeconds(5), CongestionSettings.FOREGROUND);
            PieceFetcher fetcher = new PieceFetcher(fetcherSocket, KeyRing.of(FLEET), UUID.randomUUID(),
                    new SequenceCounter(), settings, Clock.systemUTC());
            ContentFixture.VerifyingSink verifying = content.new VerifyingSink();
            PieceSink slow = (piece, data) -> {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return verifying.accept(piece, data);
            };

            FetchResult result = fetcher.fetch(content.manifest, List.of(FetchSource.holdingAll(holderId,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), holder.port()))), new BitSet(), slow,
                    FetchProgress.NONE);

            assertThat(result.complete()).isTrue();
            assertThat(verifying.received).isEqualTo(content.content);
            assertThat(result.blocksRerequested()).as("blocks asked for again").isZero();
            assertThat(result.duplicateBlocks()).isZero();
            assertThat(holder.totalBytesServed()).as("every block sent once").isEqualTo(content.content.length);
        }
    }

    private static DatagramSocket loopbackSocket() throws Exception {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
}
