package dev.cascade.topology.service;

import java.util.List;

import dev.cascade.topology.client.RegisteredPeers;
import dev.cascade.topology.config.ServerAddress;
import dev.cascade.topology.config.TopologyConfig;
import dev.cascade.topology.model.DetectedTopology;
import dev.cascade.topology.model.ObservedAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The topology proposed from what the registered peers report (seed 001): the stored topology plus
 * an office per observed subnet no office holds ({@link DetectedTopology}), for the admin to
 * download, correct and upload.
 */
@ApplicationScoped
public class TopologyDetection {

    @Inject
    TopologyStore store;

    @Inject
    RegisteredPeers peers;

    @Inject
    TopologyConfig config;

    /** @param basedOnRevision the revision of the stored topology the proposal starts from */
    public record Detected(long basedOnRevision, DetectedTopology.Proposal proposal) {
    }

    /**
     * The proposal from the peers metadata-service lists now.
     *
     * @throws RegisteredPeers.PeersUnavailable when metadata-service does not list them
     */
    public Detected propose() {
        List<ObservedAddress> observed = peers.all().stream()
                .map(peer -> new ObservedAddress(peer.ipAddress(), peer.prefixLength())).toList();
        TopologyStore.Current current = store.current();
        ObservedAddress server = config.serverIp().map(ServerAddress::observed).orElse(null);
        return new Detected(current.revision(), DetectedTopology.propose(current.topology(), observed, server));
    }
}
