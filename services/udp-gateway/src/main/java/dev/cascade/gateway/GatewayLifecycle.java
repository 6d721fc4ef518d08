package dev.cascade.gateway;

import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

import dev.cascade.gateway.config.GatewayConfig;
import dev.cascade.gateway.config.GatewayIdentity;
import dev.cascade.gateway.config.GatewayKeys;
import dev.cascade.gateway.kafka.KafkaReachability;
import dev.cascade.gateway.kafka.RegistrationPublisher;
import dev.cascade.gateway.udp.SmallMessagesSocket;
import dev.cascade.gateway.udp.UdpReceiver;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Starts receiving once everything it needs exists, and stops in the order that loses nothing
 * already accepted: stop receiving, let queued registrations reach Kafka, let Kafka acknowledge
 * them (their ACKs still go out), and only then close the socket.
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
    SmallMessagesSocket socket;
    @Inject
    UdpReceiver receiver;
    @Inject
    RegistrationPublisher publisher;
    @Inject
    Producer<String, byte[]> producer;
    @Inject
    KafkaReachability kafka;

    void start(@Observes StartupEvent event) {
        socket.bind();
        receiver.start();
        keys.startWatching(config.keyFileCheckInterval());
        kafka.refresh();
        LOG.infof("gateway %s (%s) receiving small messages on UDP %s; keys %s", identity.id(), identity.serverId(),
                socket.boundAddress().orElseThrow(), keys.file().map(Object::toString).orElse("from properties"));
    }

    void stop(@Observes ShutdownEvent event) {
        receiver.stop();
        publisher.close(config.publish().closeTimeout());
        producer.close(config.publish().closeTimeout()); // waits for acknowledgements, whose callbacks send the ACKs
        keys.close();
        socket.close();
    }
}
