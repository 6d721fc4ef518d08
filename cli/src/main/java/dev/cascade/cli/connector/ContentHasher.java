package dev.cascade.cli.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Computes a {@link ContentDigest} in one streaming pass, so a file of many gigabytes never sits in memory: the whole
 * content's SHA-256 and, piece by piece, each piece's. Optionally writes every byte read to a copy on the way.
 */
final class ContentHasher {

    private static final int BUFFER_SIZE = 1 << 16;

    private ContentHasher() {
    }

    /**
     * Reads {@code in} to its end. {@code copy} (may be null) receives the same bytes; {@code progress} gets the
     * number of bytes read so far after each buffer.
     */
    static ContentDigest digest(InputStream in, int pieceSize, OutputStream copy, LongConsumer progress) throws IOException {
        if (pieceSize < 1) {
            throw new IllegalArgumentException("piece size must be positive, was " + pieceSize);
        }
        MessageDigest whole = sha256();
        MessageDigest piece = sha256();
        List<byte[]> pieces = new ArrayList<>();
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        int inPiece = 0; // bytes of the current piece hashed so far
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (copy != null) {
                copy.write(buffer, 0, read);
            }
            whole.update(buffer, 0, read);
            int offset = 0;
            while (offset < read) {
                int take = Math.min(read - offset, pieceSize - inPiece);
                piece.update(buffer, offset, take);
                offset += take;
                inPiece += take;
                if (inPiece == pieceSize) {
                    pieces.add(piece.digest()); // digest() also resets it for the next piece
                    inPiece = 0;
                }
            }
            total += read;
            progress.accept(total);
        }
        if (inPiece > 0) {
            pieces.add(piece.digest()); // the last, shorter piece
        }
        return new ContentDigest(total, whole.digest(), pieceSize, pieces);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
