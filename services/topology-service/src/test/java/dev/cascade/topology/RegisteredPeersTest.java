package dev.cascade.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.ListPeersRequest;
import dev.cascade.contracts.v1.MetadataServiceGrpc;
import dev.cascade.contracts.v1.RegisteredPeer;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.topology.client.RegisteredPeers;
import dev.cascade.topology.client.RegisteredPeers.PeerLocation;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The registered peers read from metadata-service's ListPeers stream, served here by a real gRPC server with a fake. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(FakeMetadataPort.class)
class RegisteredPeersTest {

    @Inject
    RegisteredPeers peers;

    @ConfigProperty(name = "quarkus.grpc.clients.metadata.port")
    int metadataPort;

    /** Streams three peers; the second has no office yet. */
    private static final class FakeMetadataService extends MetadataServiceGrpc.MetadataServiceImplBase {
        @Override
        public void listPeers(ListPeersRequest request, StreamObserver<RegisteredPeer> response) {
            response.onNext(RegisteredPeer.newBuilder().setDeviceId("00000000-0000-0000-0000-000000000001")
                    .setHostname("pc-1").setIpAddress("10.1.2.3").setPrefixLength(24).setOfficeId("ams").build());
            response.onNext(RegisteredPeer.newBuilder().setDeviceId("00000000-0000-0000-0000-000000000002")
                    .setHostname("pc-2").setIpAddress("2001:db8::7").setPrefixLength(64).build());
            response.onNext(RegisteredPeer.newBuilder().setDeviceId("00000000-0000-0000-0000-000000000003")
                    .setHostname("pc-3").setIpAddress("10.9.0.1").setOfficeId("central").build());
            response.onCompleted();
        }
    }

    @Test
    void everyRegisteredPeerIsReadFromTheStream() throws IOException, InterruptedException {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", metadataPort))
                .addService(new FakeMetadataService()).build().start();
        try {
            // the client's channel may still be backing off from a failed connection of another test
            List<PeerLocation> all = await().atMost(Duration.ofSeconds(30)).ignoreException(RegisteredPeers.PeersUnavailable.class)
                    .until(peers::all, list -> true);

            assertThat(all).containsExactly(
                    new PeerLocation("00000000-0000-0000-0000-000000000001", "pc-1", "10.1.2.3", 24, "ams"),
                    new PeerLocation("00000000-0000-0000-0000-000000000002", "pc-2", "2001:db8::7", 64, null),
                    new PeerLocation("00000000-0000-0000-0000-000000000003", "pc-3", "10.9.0.1", 0, "central"));
        } finally {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void metadataServiceDownIsAClearError() {
        assertThatThrownBy(() -> peers.all())
                .isInstanceOf(RegisteredPeers.PeersUnavailable.class)
                .hasMessageContaining("metadata-service could not list the registered peers")
                .hasMessageContaining("UNAVAILABLE");
    }
}
