package dev.cascade.agent.content;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

/** A content of random bytes and its manifest, for tests. */
record TestContent(byte[] bytes, ContentManifest manifest) {

    static TestContent random(String contentId, int size, int pieceSize, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        ByteArrayOutputStream hashes = new ByteArrayOutputStream();
        for (int offset = 0; offset < size; offset += pieceSize) {
            hashes.writeBytes(Sha256.of(bytes, offset, Math.min(pieceSize, size - offset)));
        }
        return new TestContent(bytes, new ContentManifest(contentId, size, Sha256.of(bytes, 0, size), pieceSize,
                hashes.toByteArray()));
    }

    byte[] piece(int index) {
        long offset = manifest.pieceOffset(index);
        return Arrays.copyOfRange(bytes, (int) offset, (int) offset + manifest.pieceLength(index));
    }

    int pieceCount() {
        return manifest.pieceCount();
    }
}
