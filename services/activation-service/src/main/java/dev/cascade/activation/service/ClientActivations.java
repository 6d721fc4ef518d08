package dev.cascade.activation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.cascade.activation.config.ActivationConfig;
import dev.cascade.activation.entity.ClientEntity;
import dev.cascade.activation.keys.KeyAuthority;
import dev.cascade.activation.keys.StoredKey;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.ClientActivation;
import dev.cascade.outbox.Outbox;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyWrap;
import dev.cascade.wire.MessageType;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Delivers the current fleet key to clients (CLIENT_ACTIVATION, protocol.md §16.4): wrapped with the
 * fleet key the client was last heard with and tagged with it, since that is the only key it can verify.
 * A client whose last key is no longer held (grace ended) cannot be reached this way: it needs the key
 * file again.
 */
@ApplicationScoped
public class ClientActivations {

    @Inject
    KeyAuthority keys;

    @Inject
    Outbox outbox;

    @Inject
    ServerActivations activations;

    @Inject
    ActivationConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    /** Sends {@code fleetKey} to every known client on an older key still held; returns how many were sent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int sendToAll(StoredKey fleetKey, String serverName) {
        Instant now = Instant.now(clock);
        int sent = 0;
        List<ClientEntity> clients = ClientEntity.list("keyId is not null and keyId <> ?1", fleetKey.id());
        for (ClientEntity client : clients) {
            if (send(client, fleetKey, serverName, now)) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Records a client's report and, when the server is activated and the report was authenticated with
     * an older fleet key we still hold, sends it the current one (at most once per {@code client-resend}).
     *
     * @param keyId 0 when the report does not say which key authenticated it: the key is then left as it was
     * @return true when a CLIENT_ACTIVATION was queued
     */
    @Transactional
    public boolean onReport(String deviceId, String ip, long keyId, Instant heardAt) {
        ClientEntity client = ClientEntity.findById(deviceId);
        if (client == null) {
            client = new ClientEntity();
            client.deviceId = deviceId;
            client.ip = ip;
            client.keyId = keyId == 0 ? null : keyId;
            client.lastSeenAt = heardAt;
            client.persist();
        } else if (!heardAt.isBefore(client.lastSeenAt)) {
            // an older report arriving late must not take the address or the key back
            boolean unchanged = ip.equals(client.ip) && (keyId == 0 || Long.valueOf(keyId).equals(client.keyId));
            if (!unchanged || !heardAt.isBefore(client.lastSeenAt.plus(config.lastSeenResolution()))) {
                client.ip = ip;
                client.lastSeenAt = heardAt;
                if (keyId != 0) {
                    client.keyId = keyId;
                }
            }
        } else {
            return false;
        }
        if (keyId == 0 || client.keyId == null || client.keyId != keyId) {
            return false;
        }
        Optional<StoredKey> current = keys.current(KeyPurpose.FLEET);
        if (current.isEmpty() || current.get().id() == keyId) {
            return false;
        }
        Optional<ServerActivations.Activated> activation = activations.current();
        if (activation.isEmpty()) {
            return false; // before activation every client still uses the installation key, which is current
        }
        Instant now = Instant.now(clock);
        Duration resend = config.clientResend();
        if (client.activationSentAt != null && now.isBefore(client.activationSentAt.plus(resend))) {
            registry.counter("cascade_activation_client_activations_suppressed_total").increment();
            return false;
        }
        return send(client, current.get(), activation.get().serverName(), now);
    }

    private boolean send(ClientEntity client, StoredKey fleetKey, String serverName, Instant now) {
        Optional<StoredKey> wrapping = keys.valid(client.keyId, KeyPurpose.FLEET);
        if (wrapping.isEmpty()) {
            registry.counter("cascade_activation_client_activations_unreachable_total").increment();
            return false;
        }
        ClientActivation message = ClientActivation.newBuilder().setActivated(true)
                .setFleetKey(KeyWrap.wrap(fleetKey.toWireKey(), wrapping.get().toWireKey()))
                .setPreviousKeyValidUntilUnixMs(wrapping.get().retiredUntil() == null ? 0 : wrapping.get().retiredUntil().toEpochMilli())
                .setServerName(serverName).build();
        var datagram = Datagrams.toPeer(client.deviceId, client.ip, config.peerPort(), config.peerLargeMessagePort(),
                wrapping.get().id(), MessageType.CLIENT_ACTIVATION, message);
        outbox.append(Topics.GATEWAY_OUTBOUND, client.deviceId, datagram.getEventId(), datagram);
        client.activationSentAt = now;
        client.activationSentKeyId = fleetKey.id();
        registry.counter("cascade_activation_client_activations_sent_total").increment();
        return true;
    }
}
