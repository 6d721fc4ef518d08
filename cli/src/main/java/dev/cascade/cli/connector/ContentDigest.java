package dev.cascade.cli.connector;

import java.util.HexFormat;
import java.util.List;

/** What the catalog needs of a content (protocol.md §11): its size, SHA-256, and the SHA-256 of each piece in order. */
record ContentDigest(long sizeBytes, byte[] sha256, int pieceSize, List<byte[]> pieceHashes) {

    ContentDigest {
        sha256 = sha256.clone();
        pieceHashes = List.copyOf(pieceHashes);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** ceil(size / pieceSize): the piece count the gateway requires for these sizes. */
    static long pieceCount(long sizeBytes, int pieceSize) {
        return (sizeBytes + pieceSize - 1) / pieceSize;
    }
}
