package dev.cascade.metadata.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cascade.metadata.deployment.ProgressTally.Row;

class ProgressTallyTest {

    @Test
    void countsEachStateWithReasonsPerOfficeAndInTotal() {
        ProgressTally tally = new ProgressTally();
        tally.add(new Row("ams", "Amsterdam", null, null, 4));
        tally.add(new Row("ams", "Amsterdam", "PENDING", null, 1));
        tally.add(new Row("ams", "Amsterdam", "PAUSED", "WAN busy", 2));
        tally.add(new Row("ams", "Amsterdam", "PAUSED", "", 1));
        tally.add(new Row("rtm", "Rotterdam", "FAILED", "disk full", 3));
        tally.add(new Row("rtm", "Rotterdam", "INSTALLED", null, 5, 50));
        tally.add(new Row(null, null, "CACHED", null, 1));
        tally.add(new Row("rtm", "Rotterdam", "DOWNLOADING", null, 2, 7));

        ProgressTally.Progress progress = tally.result("d-1", "app-1", "ACTIVE", 10);

        assertThat(progress.totals()).isEqualTo(new ProgressTally.Counts(19, 5, 2, 3,
                Map.of("WAN busy", 2L, "(no reason given)", 1L), 1, 5, 3, Map.of("disk full", 3L), 57));
        assertThat(progress.pieceCount()).isEqualTo(10);
        assertThat(progress.offices().get(2).counts().piecesHeld()).isEqualTo(57);
        assertThat(progress.offices().get(1).counts().piecesHeld()).isZero();
        assertThat(progress.offices()).extracting(ProgressTally.OfficeProgress::officeId).containsExactly(null, "ams", "rtm");
        assertThat(progress.offices().get(1).officeName()).isEqualTo("Amsterdam");
        assertThat(progress.offices().get(1).counts().targeted()).isEqualTo(8);
        assertThat(progress.offices().get(1).counts().pending()).isEqualTo(5);
        assertThat(progress.offices().get(2).counts().failedReasons()).containsExactly(Map.entry("disk full", 3L));
        assertThat(progress.offices().get(0).counts().cached()).isEqualTo(1);
    }
}
