package dev.cascade.metadata.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.AppMetadata;

class CatalogEntryTest {

    private static final ByteString HASH = ByteString.copyFrom(new byte[32]);

    private static AppMetadata.Builder metadata(long size, int pieceSize, int hashes) {
        AppMetadata.Builder metadata = AppMetadata.newBuilder().setContentId("app-1").setName("App").setVersion("1")
                .setSizeBytes(size).setPieceSize(pieceSize).setSha256(HASH);
        for (int i = 0; i < hashes; i++) {
            metadata.addPieceHashes(HASH);
        }
        return metadata;
    }

    @Test
    void piecesAreTheSizeDividedByThePieceSizeRoundedUp() {
        CatalogEntry exact = CatalogEntry.from(metadata(8192, 4096, 2).build());
        CatalogEntry rounded = CatalogEntry.from(metadata(8193, 4096, 3).build());

        assertThat(exact.pieceCount()).isEqualTo(2);
        assertThat(exact.deployable()).isTrue();
        assertThat(exact.pieceHashes()).hasSize(64);
        assertThat(rounded.pieceCount()).isEqualTo(3);
        assertThat(rounded.deployable()).isTrue();
        assertThat(exact.sha256()).isEqualTo("0".repeat(64));
    }

    @Test
    void missingWrongCountOrShortPieceHashesLeaveTheContentNotDeployableWithTheReason() {
        assertThat(CatalogEntry.from(metadata(8193, 4096, 0).build()).notDeployableReason()).contains("no piece hashes", "expected 3");
        assertThat(CatalogEntry.from(metadata(8193, 4096, 2).build()).notDeployableReason()).contains("2 piece hashes", "= 3");
        CatalogEntry shortHash = CatalogEntry.from(metadata(4096, 4096, 0).addPieceHashes(ByteString.copyFrom(new byte[31])).build());
        assertThat(shortHash.deployable()).isFalse();
        assertThat(shortHash.notDeployableReason()).contains("piece hash 0 is 31 bytes");
        CatalogEntry noPieceSize = CatalogEntry.from(metadata(4096, 0, 1).build());
        assertThat(noPieceSize.deployable()).isFalse();
        assertThat(noPieceSize.notDeployableReason()).contains("piece_size is 0");
        assertThat(shortHash.pieceHashes()).isNull();
    }

    @Test
    void anIdOrHashThatCannotNameABlobIsRefused() {
        assertThatThrownBy(() -> CatalogEntry.from(metadata(1, 1, 1).setContentId(" ").build()))
                .hasMessageContaining("empty content_id");
        assertThatThrownBy(() -> CatalogEntry.from(metadata(1, 1, 1).setSha256(ByteString.copyFrom(new byte[20])).build()))
                .hasMessageContaining("app-1").hasMessageContaining("sha256 is 20 bytes, expected 32");
        assertThatThrownBy(() -> CatalogEntry.from(metadata(1, 1, 1).setContentId("x".repeat(129)).build()))
                .hasMessageContaining("at most 128");
        assertThatThrownBy(() -> CatalogEntry.from(metadata(-1, 1, 0).build()))
                .hasMessageContaining("size_bytes 18446744073709551615");
    }
}
