package dev.cascade.agent.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.cascade.contracts.v1.AppMetadata;

import org.junit.jupiter.api.Test;

class ContentManifestTest {

    private final TestContent content = TestContent.random("app-7", 2_500, 1_000, 1);

    @Test
    void readsAppMetadataAndGivesEachPiecesPlace() {
        AppMetadata metadata = content.manifest().toAppMetadata().toBuilder().setName("App").setOriginUrl("http://cdn/x")
                .build();

        ContentManifest manifest = ContentManifest.from(metadata);

        assertThat(manifest).isEqualTo(content.manifest());
        assertThat(manifest.pieceCount()).isEqualTo(3);
        assertThat(manifest.pieceOffset(2)).isEqualTo(2_000);
        assertThat(manifest.pieceLength(0)).isEqualTo(1_000);
        assertThat(manifest.pieceLength(2)).isEqualTo(500);
        assertThat(manifest.pieceHashIs(1, Sha256.of(content.piece(1), 0, 1_000))).isTrue();
        assertThat(manifest.pieceHashIs(1, Sha256.of(content.piece(0), 0, 1_000))).isFalse();
        assertThatThrownBy(() -> manifest.pieceLength(3)).hasMessage("piece 3 is outside 0..2 of content 'app-7'");
    }

    @Test
    void isImmutable() {
        byte[] hashes = content.manifest().pieceHashes();
        hashes[0] ^= 1;
        content.manifest().sha256()[0] ^= 1;

        assertThat(content.manifest().pieceHashes()).isNotEqualTo(hashes);
        assertThat(content.manifest().pieceHashIs(0, Sha256.of(content.piece(0), 0, 1_000))).isTrue();
        assertThat(content.manifest().sha256()).isEqualTo(Sha256.of(content.bytes(), 0, 2_500));
    }

    @Test
    void namesTheFieldThatIsWrong() {
        AppMetadata good = content.manifest().toAppMetadata();

        assertThatThrownBy(() -> ContentManifest.from(good.toBuilder().clearPieceHashes().addAllPieceHashes(good.getPieceHashesList().subList(0, 2)).build()))
                .hasMessage("content 'app-7': piece_hashes has 64 bytes; expected 3 hashes of 32 bytes for size_bytes 2500"
                        + " and piece_size 1000");
        assertThatThrownBy(() -> ContentManifest.from(good.toBuilder().setPieceHashes(1, ByteString.copyFrom(new byte[31]))
                .build())).hasMessage("content 'app-7': piece_hashes[1] has 31 bytes; expected 32");
        assertThatThrownBy(() -> ContentManifest.from(good.toBuilder().setSha256(ByteString.EMPTY).build()))
                .hasMessage("content 'app-7': sha256 has 0 bytes; expected 32");
        assertThatThrownBy(() -> ContentManifest.from(good.toBuilder().setPieceSize(0).build()))
                .hasMessage("content 'app-7': piece_size is 0; expected 1..1073741824");
        assertThatThrownBy(() -> ContentManifest.from(good.toBuilder().setSizeBytes(0).clearPieceHashes().build()))
                .hasMessage("content 'app-7': size_bytes is 0; expected 1..9223372036854775807");
        assertThatThrownBy(() -> ContentManifest.from(good.toBuilder().setContentId("").build()))
                .hasMessage("content_id '' must be 1-256 characters");
        assertThatThrownBy(() -> ContentManifest.from(good.toBuilder().setContentId("a\nb").build()))
                .hasMessage("content_id of content 'a?b' contains a control character");
    }

    @Test
    void theTransferViewIsBuiltFromTheManifestAndAgreesOnEveryPiece() {
        for (int[] shape : new int[][] {{2_500, 1_000}, {3_000, 1_000}, {1, 1}, {999, 1_000}, {1_000_001, 65_536}}) {
            ContentManifest manifest = TestContent.random("c", shape[0], shape[1], 3).manifest();

            dev.cascade.wire.transfer.ContentManifest transfer = manifest.forTransfer();

            assertThat(transfer.contentId()).isEqualTo("c");
            assertThat(transfer.pieceCount()).as("pieces of %s", manifest).isEqualTo(manifest.pieceCount());
            for (int i = 0; i < manifest.pieceCount(); i++) {
                assertThat(transfer.pieceLength(i)).as("piece %d of %s", i, manifest).isEqualTo(manifest.pieceLength(i));
            }
        }
    }

    @Test
    void aContentWithPiecesLongerThanPeersCarryHasNoTransferView() {
        ContentManifest manifest = new ContentManifest("big", 200L << 20, new byte[32], 128 << 20, new byte[64]);

        assertThatThrownBy(manifest::forTransfer).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("content 'big': piece_size 134217728 is larger than the 67108864 bytes peers carry; fetch it"
                        + " from the origin");
    }
}
