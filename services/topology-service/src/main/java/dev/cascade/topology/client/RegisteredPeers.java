package dev.cascade.topology.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cascade.contracts.v1.ListPeersRequest;
import dev.cascade.contracts.v1.MetadataServiceGrpc;
import dev.cascade.contracts.v1.RegisteredPeer;
import dev.cascade.topology.config.TopologyConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The registered peers as metadata-service knows them (gRPC ListPeers): what the dry run of an
 * import needs to tell which peers would move office, and what topology detection starts from.
 */
@ApplicationScoped
public class RegisteredPeers {

    @GrpcClient("metadata")
    MetadataServiceGrpc.MetadataServiceBlockingStub metadata;

    @Inject
    TopologyConfig config;

    /**
     * A registered peer.
     *
     * @param prefixLength the subnet mask it reported (0 = not reported)
     * @param officeId     its office now; null while metadata-service has none for it
     */
    public record PeerLocation(String deviceId, String hostname, String ipAddress, int prefixLength, String officeId) {
    }

    /** metadata-service could not list the peers; the message says why. */
    public static final class PeersUnavailable extends RuntimeException {
        PeersUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Every registered peer, ordered by device id.
     *
     * @throws PeersUnavailable when metadata-service does not answer, or not completely, within
     *                          {@code cascade.topology.peers-deadline}
     */
    public List<PeerLocation> all() {
        List<PeerLocation> peers = new ArrayList<>();
        try {
            Iterator<RegisteredPeer> stream = metadata
                    .withDeadlineAfter(config.peersDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .listPeers(ListPeersRequest.getDefaultInstance());
            while (stream.hasNext()) {
                RegisteredPeer peer = stream.next();
                peers.add(new PeerLocation(peer.getDeviceId(), peer.getHostname(), peer.getIpAddress(), peer.getPrefixLength(),
                        peer.getOfficeId().isEmpty() ? null : peer.getOfficeId()));
            }
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            throw new PeersUnavailable("metadata-service could not list the registered peers (" + status.getCode()
                    + (status.getDescription() != null ? ": " + status.getDescription() : "") + ") after " + peers.size()
                    + " peers", e);
        }
        return peers;
    }
}
