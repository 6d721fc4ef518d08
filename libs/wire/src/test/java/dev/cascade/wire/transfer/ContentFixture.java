package dev.cascade.wire.transfer;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A content of random bytes cut into pieces with their SHA-256, a {@link PieceSource} serving it (optionally
 * corrupting what it serves, or holding only some pieces), and a {@link PieceSink} that verifies each piece
 * against the hashes as the agent's piece store does.
 */
final class ContentFixture {

    final String contentId;
    final byte[] content;
    final ContentManifest manifest;
    final byte[][] hashes;

    ContentFixture(String contentId, int length, int pieceLength, long seed) {
        this.contentId = contentId;
        this.content = new byte[length];
        new Random(seed).nextBytes(content);
        this.manifest = new ContentManifest(contentId, length, pieceLength);
        this.hashes = new byte[manifest.pieceCount()][];
        for (int p = 0; p < hashes.length; p++) {
            hashes[p] = sha256(piece(p));
        }
    }

    byte[] piece(int p) {
        int from = p * manifest.pieceLength();
        return Arrays.copyOfRange(content, from, from + manifest.pieceLength(p));
    }

    /** Serves every piece, faithfully. */
    PieceSource source() {
        return source(false, null);
    }

    /** Serves the pieces in {@code holding} ({@code null}: all), flipping a byte of each when {@code corrupt}. */
    PieceSource source(boolean corrupt, BitSet holding) {
        return new PieceSource() {
            @Override
            public boolean has(String id, int piece) {
                return id.equals(contentId) && piece >= 0 && piece < manifest.pieceCount()
                        && (holding == null || holding.get(piece));
            }

            @Override
            public byte[] read(String id, int piece) throws IOException {
                if (!has(id, piece)) {
                    throw new IOException("not held: " + piece);
                }
                byte[] bytes = piece(piece);
                if (corrupt) {
                    bytes[bytes.length / 2] ^= 0x5A;
                }
                return bytes;
            }

            @Override
            public PieceHolding holding(String id) {
                if (!id.equals(contentId)) {
                    return PieceHolding.NONE;
                }
                return holding == null ? PieceHolding.all(manifest.pieceCount())
                        : new PieceHolding(holding, manifest.pieceCount(), false);
            }
        };
    }

    /**
     * Serves the pieces in {@code held} (which the test may change while it serves) and tells NOT_HELD's map of them,
     * saying it is still fetching the content while {@code fetching} is true.
     */
    PieceSource mappedSource(BitSet held, java.util.concurrent.atomic.AtomicBoolean fetching) {
        return new PieceSource() {
            @Override
            public boolean has(String id, int piece) {
                synchronized (held) {
                    return id.equals(contentId) && held.get(piece);
                }
            }

            @Override
            public byte[] read(String id, int piece) throws IOException {
                if (!has(id, piece)) {
                    throw new IOException("not held: " + piece);
                }
                return piece(piece);
            }

            @Override
            public PieceHolding holding(String id) {
                synchronized (held) {
                    return new PieceHolding(held, manifest.pieceCount(), fetching.get());
                }
            }
        };
    }

    /** A sink verifying each piece's SHA-256 and keeping the good ones. */
    final class VerifyingSink implements PieceSink {
        final byte[] received = new byte[content.length];
        final BitSet accepted = new BitSet();
        final List<Integer> order = new CopyOnWriteArrayList<>();
        int rejected;

        VerifyingSink() {
        }

        VerifyingSink(BitSet alreadyHeld) {
            for (int p = alreadyHeld.nextSetBit(0); p >= 0; p = alreadyHeld.nextSetBit(p + 1)) {
                System.arraycopy(piece(p), 0, received, p * manifest.pieceLength(), manifest.pieceLength(p));
                accepted.set(p);
            }
        }

        @Override
        public synchronized Verdict accept(int piece, byte[] data) {
            if (!MessageDigest.isEqual(sha256(data), hashes[piece]) || data.length != manifest.pieceLength(piece)) {
                rejected++;
                return Verdict.BAD_PIECE;
            }
            System.arraycopy(data, 0, received, piece * manifest.pieceLength(), data.length);
            accepted.set(piece);
            order.add(piece);
            return Verdict.ACCEPTED;
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
