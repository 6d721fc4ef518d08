package dev.cascade.topology.planner;

import static dev.cascade.topology.planner.Fixture.BRANCH;
import static dev.cascade.topology.planner.Fixture.GIB;
import static dev.cascade.topology.planner.Fixture.MIB;
import static dev.cascade.topology.planner.Fixture.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;

/** Seed 001's six criteria, each shown deciding when the ones above it are equal. */
class DownloadOrderTest {

    private final DownloadOrder order = new DownloadOrder(List.of("pref-1", "PREF-2"), GIB);

    private List<String> sorted(PeerState... peers) {
        List<PeerState> list = new ArrayList<>(List.of(peers));
        list.sort(order);
        return list.stream().map(PeerState::deviceId).toList();
    }

    @Test
    void mostFreeStorageComesFirstEvenOverAPreferredRvp() {
        assertThat(sorted(peer("pref-1", BRANCH).free(5 * GIB).build(), peer("big", BRANCH).free(50 * GIB).build()))
                .containsExactly("big", "pref-1");
    }

    @Test
    void freeStorageWithinOneBucketCountsAsEqualSoThePreferredRvpDecides() {
        PeerState plain = peer("plain", BRANCH).free(10 * GIB + 900 * MIB).build();
        PeerState preferred = peer("pref-1", BRANCH).free(10 * GIB + 100 * MIB).build();
        assertThat(sorted(plain, preferred)).containsExactly("pref-1", "plain");
        assertThat(order.decidingCriterion(preferred, plain)).isEqualTo("preferred RVP of the office");
    }

    @Test
    void aOneByteBucketComparesFreeStorageExactly() {
        DownloadOrder exact = new DownloadOrder(List.of("pref-1"), 1);
        List<PeerState> list = new ArrayList<>(List.of(peer("pref-1", BRANCH).free(10 * GIB).build(),
                peer("plain", BRANCH).free(10 * GIB + 1).build()));
        list.sort(exact);
        assertThat(list).extracting(PeerState::deviceId).containsExactly("plain", "pref-1");
    }

    @Test
    void preferredRvpsKeepTheAdminsOrderIgnoringCase() {
        assertThat(sorted(peer("pref-2", BRANCH).build(), peer("pref-1", BRANCH).build(), peer("plain", BRANCH).build()))
                .containsExactly("pref-1", "pref-2", "plain");
    }

    @Test
    void desktopBeforeLaptopAndUnreportedLast() {
        assertThat(sorted(peer("laptop", BRANCH).laptop().build(),
                peer("unknown", BRANCH).deviceClass(DeviceClass.DEVICE_CLASS_UNSPECIFIED).build(), peer("desktop", BRANCH).build()))
                .containsExactly("desktop", "laptop", "unknown");
    }

    @Test
    void serverBeforeWorkstationAndUnreportedLast() {
        assertThat(sorted(peer("ws", BRANCH).build(), peer("unknown", BRANCH).os(OsType.OS_TYPE_UNSPECIFIED).build(),
                peer("srv", BRANCH).server().build()))
                .containsExactly("srv", "ws", "unknown");
    }

    @Test
    void longestUptimeFirstAndUnreportedBootTimeLast() {
        assertThat(sorted(peer("recent", BRANCH).bootedAt(2_000_000).build(), peer("never", BRANCH).bootedAt(0).build(),
                peer("old", BRANCH).bootedAt(1_000_000).build()))
                .containsExactly("old", "recent", "never");
    }

    @Test
    void mostUsableStorageThenDeviceId() {
        assertThat(sorted(peer("b", BRANCH).usable(10 * GIB).build(), peer("c", BRANCH).usable(90 * GIB).build(),
                peer("a", BRANCH).usable(10 * GIB).build()))
                .containsExactly("c", "a", "b");
    }

    @Test
    void theCriteriaApplyTopFirst() {
        // laptop + server vs desktop + workstation: the device class (criterion 3) decides before the OS type (4)
        PeerState laptopServer = peer("laptop-server", BRANCH).laptop().server().build();
        PeerState desktopWorkstation = peer("desktop-ws", BRANCH).build();
        assertThat(sorted(laptopServer, desktopWorkstation)).containsExactly("desktop-ws", "laptop-server");
        assertThat(order.decidingCriterion(desktopWorkstation, laptopServer)).isEqualTo("desktop before laptop");
    }

    @Test
    void sourcesPutIdlePeersFirstThenMorePieces() {
        List<PeerState> holders = new ArrayList<>(List.of(peer("busy-full", BRANCH).holding(100).busy().build(),
                peer("half", BRANCH).holding(50).build(), peer("full", BRANCH).holding(100).free(GIB).build()));
        holders.sort(order.forSources());
        assertThat(holders).extracting(PeerState::deviceId).containsExactly("full", "half", "busy-full");
    }

    @Test
    void aBucketBelowOneByteIsRefused() {
        assertThatThrownBy(() -> new DownloadOrder(List.of(), 0)).hasMessageContaining("at least 1 byte");
    }
}
