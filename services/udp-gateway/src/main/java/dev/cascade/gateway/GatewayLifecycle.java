package dev.cascade.gateway;

import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.cascade.gateway.config.GatewayConfig;
import dev.cascade.gateway.config.GatewayIdentity;
import dev.cascade.gateway.config.GatewayKeys;
import dev.cascade.gateway.config.KeysConfig;
import dev.cascade.gateway.kafka.EventPublisher;
import dev.cascade.gateway.kafka.KafkaReachability;
import dev.cascade.gateway.large.ReassemblyTimer;
import dev.cascade.gateway.udp.GatewaySockets;
import dev.cascade.gateway.udp.UdpReceivers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Starts receiving once everything it needs exists, and stops in the order that loses nothing
 * already acknowledged: stop receiving on every port, let queued datagrams reach Kafka, let Kafka
 * acknowledge them (their ACKs still go out; see {@link EventPublisher#shutdown}), and only then
 * close the sockets.
 */
@Singleton
public class GatewayLifecycle {

    private static final Logger LOG = Logger.getLogger(GatewayLifecycle.class);

    @Inject
    GatewayConfig config;
    @Inject
    GatewayIdentity identity;
    @Inject
    GatewayKeys keys;
    @Inject
    GatewaySockets sockets;
    @Inject
    UdpReceivers receivers;
    @Inject
    EventPublisher publisher;
    @Inject
    KafkaReachability kafka;
    @Inject
    ReassemblyTimer reassemblyTimer;

    @Inject
    KeysConfig keysConfig;

    void start(@Observes StartupEvent event) {
        // keys first: with activation-service as the source, the first ring normally arrives before any datagram
        keys.start(config.keyFileCheckInterval(), keysConfig.pollInterval(), keysConfig.startupWait());
        sockets.bindAll();
        receivers.start();
        reassemblyTimer.start();
        kafka.refresh();
        LOG.infof("gateway %s (%s) receiving on UDP %s; keys %s", identity.id(), identity.serverId(),
                sockets.all().stream().map(s -> s.name() + "=" + s.boundAddress().orElseThrow())
                        .collect(Collectors.joining(", ")),
                keys.source());
    }

    void stop(@Observes ShutdownEvent event) {
        receivers.stop();
        reassemblyTimer.close();
        publisher.shutdown(config.publish().closeTimeout());
        keys.close();
        sockets.close();
    }
}
