package dev.cascade.gateway.config;

import java.time.Clock;
import java.util.Set;

import org.apache.kafka.clients.producer.Producer;

import dev.cascade.gateway.kafka.PeerRegisteredRecords;
import dev.cascade.gateway.kafka.RegistrationPublisher;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.registration.RegisterHandler;
import dev.cascade.gateway.registration.RegisterValidator;
import dev.cascade.gateway.udp.DatagramHandler;
import dev.cascade.gateway.udp.RejectMessages;
import dev.cascade.gateway.udp.SourceRateLimiter;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.gateway.udp.SmallMessagesSocket;
import dev.cascade.gateway.udp.UdpReceiver;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the gateway's plain classes from configuration. The rules live in those classes, not here. */
@Singleton
public class GatewayBeans {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    GatewayMetrics metrics(MeterRegistry registry) {
        return new GatewayMetrics(registry);
    }

    @Produces
    @Singleton
    GatewayIdentity identity(GatewayConfig config) {
        return GatewayIdentity.of(config.id(), config.serverId());
    }

    @Produces
    @Singleton
    SupportedVersions supportedVersions(GatewayConfig config) {
        return SupportedVersions.of(config.supportedClientVersions().min(), config.supportedClientVersions().max());
    }

    @Produces
    @Singleton
    GatewayKeys keys(KeysConfig keys, GatewayMetrics metrics) {
        return GatewayKeys.load(keys.file(), keys.fleet(), keys.connector(), metrics::keyReload);
    }

    void close(@Disposes GatewayKeys keys) {
        keys.close();
    }

    @Produces
    @Singleton
    SmallMessagesSocket smallMessagesSocket(GatewayConfig config) {
        return new SmallMessagesSocket(config.host(), config.smallMessagesPort(), config.socketReceiveBufferBytes());
    }

    void close(@Disposes SmallMessagesSocket socket) {
        socket.close();
    }

    @Produces
    @Singleton
    ReplySender replySender(SmallMessagesSocket socket, GatewayIdentity identity, GatewayConfig config,
                            GatewayMetrics metrics, Clock clock) {
        GatewayConfig.RejectRateLimit limit = config.rejectRateLimit();
        return new ReplySender(socket, identity.serverId(), new SequenceCounter(),
                new SourceRateLimiter(limit.perSecond(), limit.burst(), limit.maxSources(), System::nanoTime),
                metrics, clock);
    }

    @Produces
    @Singleton
    RejectMessages rejectMessages(SupportedVersions versions, GatewayConfig config) {
        return new RejectMessages(versions, config.maxClockSkew());
    }

    @Produces
    @Singleton
    RegistrationPublisher registrationPublisher(Producer<String, byte[]> producer, GatewayIdentity identity,
                                                ReplySender replies, GatewayMetrics metrics, GatewayConfig config) {
        return new RegistrationPublisher(producer, new PeerRegisteredRecords(identity.id()), replies, metrics,
                config.publish().queueCapacity());
    }

    @Produces
    @Singleton
    DatagramHandler datagramHandler(GatewayKeys keys, GatewayConfig config, SupportedVersions versions,
                                    RegistrationPublisher publisher, ReplySender replies, RejectMessages rejects,
                                    GatewayMetrics metrics, Clock clock) {
        DatagramVerifier verifier = new DatagramVerifier(keys.ring(), new ReplayGuard(config.replayMaxSenders()),
                config.maxClockSkew(), clock, Set.of(MessageType.REGISTER));
        GatewayConfig.RegisterRateLimit limit = config.registerRateLimit();
        RegisterHandler registers = new RegisterHandler(new RegisterValidator(versions.client()), publisher,
                new SourceRateLimiter(limit.perSecond(), limit.burst(), limit.maxSources(), System::nanoTime),
                replies, rejects, metrics, clock);
        return new DatagramHandler(verifier, registers, replies, rejects, metrics, clock);
    }

    @Produces
    @Singleton
    UdpReceiver udpReceiver(SmallMessagesSocket socket, DatagramHandler handler, GatewayMetrics metrics) {
        return new UdpReceiver(socket, handler, metrics);
    }
}
