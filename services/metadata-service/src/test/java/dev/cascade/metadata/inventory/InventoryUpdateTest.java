package dev.cascade.metadata.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.InventoryReported;
import dev.cascade.contracts.v1.PeerReportOrigin;

class InventoryUpdateTest {

    private static final String DEVICE = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";

    private static InventoryReported report(long sequence, ContentHolding... holdings) {
        return InventoryReported.newBuilder().setOrigin(PeerReportOrigin.newBuilder().setDeviceId(DEVICE))
                .setReport(InventoryReport.newBuilder().setReportSequence(sequence).setComplete(true)
                        .addAllHoldings(List.of(holdings))).build();
    }

    private static ContentHolding.Builder holding(String content, ContentState state, int pieces, byte... bitmap) {
        return ContentHolding.newBuilder().setContentId(content).setState(state).setPieceCount(pieces)
                .setPieces(ByteString.copyFrom(bitmap));
    }

    @Test
    void countsThePiecesHeldBelowThePieceCount() {
        InventoryUpdate update = InventoryUpdate.from("e", report(5,
                holding("a", ContentState.CONTENT_STATE_DOWNLOADING, 10, (byte) 0xFF, (byte) 0xFF).build(),
                holding("b", ContentState.CONTENT_STATE_PAUSED, 3, (byte) 0b101).setDetail("WAN busy").build(),
                holding("c", ContentState.CONTENT_STATE_PENDING, 3).build()), Instant.EPOCH);

        assertThat(update.holdings()).extracting(InventoryUpdate.Holding::piecesHeld).containsExactly(10, 2, 0);
        assertThat(update.holdings().get(1).state()).isEqualTo("PAUSED");
        assertThat(update.holdings().get(1).detail()).isEqualTo("WAN busy");
        assertThat(update.holdings().get(2).pieces()).isNull();
        assertThat(update.complete()).isTrue();
        assertThat(update.reportSequence()).isEqualTo(5);
    }

    @Test
    void refusesWhatItCannotStoreNamingTheContentAndField() {
        assertThatThrownBy(() -> InventoryUpdate.from("e", report(0), Instant.EPOCH)).hasMessageContaining("report_sequence 0");
        assertThatThrownBy(() -> InventoryUpdate.from("e", report(1, holding("a", ContentState.CONTENT_STATE_UNSPECIFIED, 1).build()),
                Instant.EPOCH)).hasMessageContaining("content a").hasMessageContaining("state is unspecified");
        assertThatThrownBy(() -> InventoryUpdate.from("e", report(1,
                holding("a", ContentState.CONTENT_STATE_CACHED, 8, (byte) 1, (byte) 1).build()), Instant.EPOCH))
                .hasMessageContaining("pieces is 2 bytes; 8 pieces take at most 1");
        assertThatThrownBy(() -> InventoryUpdate.from("e", report(1, holding("a", ContentState.CONTENT_STATE_CACHED, 1).build(),
                holding("a", ContentState.CONTENT_STATE_CACHED, 1).build()), Instant.EPOCH)).hasMessageContaining("twice");
        assertThatThrownBy(() -> InventoryUpdate.from("e", InventoryReported.newBuilder()
                .setOrigin(PeerReportOrigin.newBuilder().setDeviceId("pc-1")).build(), Instant.EPOCH))
                .hasMessageContaining("'pc-1'");
    }
}
