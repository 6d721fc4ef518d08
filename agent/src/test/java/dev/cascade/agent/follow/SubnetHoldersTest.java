package dev.cascade.agent.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cascade.agent.content.ContentManifest;
import dev.cascade.agent.discovery.DiscoveryPolicy;
import dev.cascade.agent.discovery.DiscoveryResponder;
import dev.cascade.agent.discovery.Ipv4Subnet;
import dev.cascade.agent.discovery.MemoryPieceInventory;
import dev.cascade.agent.discovery.PieceBitmap;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.WireKey;

/**
 * A job's question to its subnet, on loopback (127.0.0.0/8, broadcast 127.255.255.255) with real responders sharing
 * one discovery port: which holders join the round's peers, and that a Wi-Fi office asks nothing.
 */
class SubnetHoldersTest {

    private static final WireKey KEY = new WireKey(1, KeyPurpose.FLEET, new byte[WireKey.SECRET_SIZE], null);
    private static final ContentManifest MANIFEST = new ContentManifest("app-7", 2_500, new byte[32], 1_000, new byte[96]);
    private static final UUID ME = UUID.randomUUID();

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<String> said = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private static Ipv4Subnet loopback() throws Exception {
        return Ipv4Subnet.of(InetAddress.getByName("127.0.0.1"), 8);
    }

    /** A responder on the wildcard address: {@code port} 0 for a new port, or the port of an earlier one. */
    private DiscoveryResponder holder(int port, UUID id, int contentPort, PieceBitmap pieces) throws Exception {
        MemoryPieceInventory inventory = new MemoryPieceInventory();
        inventory.put(MANIFEST.contentId(), pieces);
        DiscoveryResponder responder = DiscoveryResponder.start(DiscoveryResponder.Settings.defaults(List.of(loopback()),
                        DiscoveryPolicy.parse("standard")).withBind(new InetSocketAddress(port)).withContentPort(contentPort),
                id, KeyRing.of(KEY), inventory, () -> false);
        closing.add(responder);
        return responder;
    }

    private SubnetHolders subnet(int port, AtomicReference<DiscoveryPolicy> policy) throws Exception {
        return new SubnetHolders(new SubnetHolders.Settings(List.of(loopback()), port, Duration.ofMillis(300), 1),
                policy::get, InetAddress.getByName("127.0.0.1"), ME, () -> KeyRing.of(KEY), Clock.systemUTC());
    }

    @Test
    void addsTheHoldersThatAnswerButNotThePlansPeersTheAvoidedOnesOrAnotherContentUnderTheSameId() throws Exception {
        UUID whole = UUID.randomUUID();
        UUID partial = UUID.randomUUID();
        UUID planned = UUID.randomUUID();
        UUID avoided = UUID.randomUUID();
        UUID otherCount = UUID.randomUUID();
        int port = holder(0, partial, 24_001, PieceBitmap.of(3, 0)).localAddress().getPort();
        holder(port, whole, 24_002, PieceBitmap.all(3));
        holder(port, planned, 24_003, PieceBitmap.all(3));
        holder(port, avoided, 24_004, PieceBitmap.all(3));
        holder(port, otherCount, 24_005, PieceBitmap.all(5));
        PlannedPeer plannedPeer = new PlannedPeer(planned, new InetSocketAddress("127.0.0.1", 24_003),
                SourceClass.SOURCE_CLASS_SEED);

        List<PlannedPeer> peers = subnet(port, new AtomicReference<>(DiscoveryPolicy.parse("vpn")))
                .withHolders(MANIFEST, List.of(plannedPeer), List.of(avoided), said::add);

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(peers).as("a VPN office asks too").containsExactly(plannedPeer,
                new PlannedPeer(whole, new InetSocketAddress(loopback, 24_002), SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER,
                        PieceBitmap.all(3)),
                new PlannedPeer(partial, new InetSocketAddress(loopback, 24_001), SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER,
                        PieceBitmap.of(3, 0)));
        assertThat(said).containsExactly("content app-7: 5 holders on the subnet (1 broadcast in 127.0.0.0/8), added"
                + " 127.0.0.1 (3/3 pieces), 127.0.0.1 (1/3 pieces)");
    }

    @Test
    void aWifiOfficeAsksNothingUntilItsOfficeTypeChanges() throws Exception {
        UUID whole = UUID.randomUUID();
        DiscoveryResponder responder = holder(0, whole, 24_002, PieceBitmap.all(3));
        AtomicReference<DiscoveryPolicy> policy = new AtomicReference<>(DiscoveryPolicy.parse("wifi"));
        SubnetHolders subnet = subnet(responder.localAddress().getPort(), policy);

        assertThat(subnet.asks()).isFalse();
        assertThat(subnet.withHolders(MANIFEST, List.of(), List.of(), said::add)).isEmpty();
        assertThat(said).isEmpty();

        policy.set(DiscoveryPolicy.parse("standard")); // the next plan names a Standard office
        assertThat(subnet.asks()).isTrue();
        assertThat(subnet.withHolders(MANIFEST, List.of(), List.of(), said::add)).extracting(PlannedPeer::deviceId)
                .containsExactly(whole);
        assertThat(responder.counters().receivedCount()).as("DISCOVERs the responder got").isEqualTo(1);
    }

    @Test
    void nobodyAnsweringCostsTwoWindowsAndAddsNobody() throws Exception {
        DiscoveryResponder responder = holder(0, UUID.randomUUID(), 24_002, PieceBitmap.all(3));
        ContentManifest unheld = new ContentManifest("app-8", 2_500, new byte[32], 1_000, new byte[96]);

        List<PlannedPeer> peers = subnet(responder.localAddress().getPort(), new AtomicReference<>(
                DiscoveryPolicy.parse("standard"))).withHolders(unheld, List.of(), List.of(), said::add);

        assertThat(peers).isEmpty();
        assertThat(said).containsExactly("content app-8: no holder on the subnet answered (2 broadcasts in 127.0.0.0/8)");
        assertThat(SubnetHolders.none().asks()).isFalse();
    }
}
