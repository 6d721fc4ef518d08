package dev.cascade.cli.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

class ContentHasherTest {

    @ParameterizedTest(name = "{0} bytes in pieces of {1}")
    @CsvSource({"0, 1024", "1, 1024", "1023, 1024", "1024, 1024", "1025, 1024", "200000, 65536", "196608, 65536",
            "131073, 100000", "70000, 1"})
    void piecesAndWholeMatchAnIndependentComputation(int size, int pieceSize) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        List<Long> progress = new ArrayList<>();

        ContentDigest digest = ContentHasher.digest(new TrickleStream(content), pieceSize, copy, progress::add);

        assertThat(digest.sizeBytes()).isEqualTo(size);
        assertThat(digest.sha256()).isEqualTo(ConnectorCommandsTest.sha256(content));
        assertThat(digest.pieceHashes().stream().map(ByteString::copyFrom).toList())
                .isEqualTo(ConnectorCommandsTest.pieceHashes(content, pieceSize));
        assertThat(digest.pieceHashes()).hasSize((int) ContentDigest.pieceCount(size, pieceSize));
        assertThat(copy.toByteArray()).isEqualTo(content);
        assertThat(progress).isSorted();
        if (size > 0) {
            assertThat(progress.get(progress.size() - 1)).isEqualTo(size);
        }
    }

    @Test
    void theEmptyContentHasTheKnownHashAndNoPieces() throws Exception {
        ContentDigest digest = ContentHasher.digest(new ByteArrayInputStream(new byte[0]), 1 << 20, null, bytes -> { });

        assertThat(digest.sha256Hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(digest.pieceHashes()).isEmpty();
        assertThat(HexFormat.of().formatHex(digest.sha256())).isEqualTo(digest.sha256Hex());
    }

    /** Hands out the content in reads of odd sizes, so piece boundaries fall inside reads and across them. */
    private static final class TrickleStream extends InputStream {
        private final byte[] content;
        private int position;
        private int turn;

        TrickleStream(byte[] content) {
            this.content = content;
        }

        @Override
        public int read() {
            return position < content.length ? content[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= content.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + (turn++ * 7919) % 70_001), content.length - position);
            System.arraycopy(content, position, b, off, n);
            position += n;
            return n;
        }
    }
}
