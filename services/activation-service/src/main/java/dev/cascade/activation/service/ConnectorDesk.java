package dev.cascade.activation.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.cascade.activation.client.LicenseVerdict;
import dev.cascade.activation.config.ActivationConfig;
import dev.cascade.activation.entity.ClientEntity;
import dev.cascade.activation.keys.KeyAuthority;
import dev.cascade.activation.keys.KeyAuthority.Rotation;
import dev.cascade.activation.keys.StoredKey;
import dev.cascade.activation.service.ServerActivations.Activated;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.ActivationResult;
import dev.cascade.contracts.v1.ConnectorRequestReceived;
import dev.cascade.contracts.v1.KeyRotationResult;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.contracts.v1.ServerActivated;
import dev.cascade.contracts.v1.ServerStatus;
import dev.cascade.contracts.v1.Usage;
import dev.cascade.outbox.Outbox;
import dev.cascade.processedevents.ProcessedEventEntity;
import dev.cascade.processedevents.ProcessedEvents;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyWrap;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.VersionRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Answers the connector's ACTIVATE, STATUS_REQUEST and KEY_ROTATION_REQUEST (protocol.md §16), each in
 * one transaction with its processed-event record: the state change, the reply datagram, the
 * CLIENT_ACTIVATIONs and ServerActivated commit together or not at all. licensing-service is asked
 * before (outside the transaction); its answer comes in as a {@link LicenseVerdict}.
 */
@ApplicationScoped
public class ConnectorDesk {

    static final String TYPE = ConnectorRequestReceived.getDescriptor().getFullName();

    @Inject
    ProcessedEvents processed;

    @Inject
    Outbox outbox;

    @Inject
    KeyAuthority keys;

    @Inject
    ServerActivations activations;

    @Inject
    ClientActivations clients;

    @Inject
    ActivationConfig config;

    @Inject
    Clock clock;

    /** True when {@code eventId} was handled already (checked before asking licensing-service, to spare it a redelivery). */
    @Transactional
    public boolean handledBefore(String eventId) {
        return ProcessedEventEntity.findById(eventId) != null;
    }

    @Transactional
    public RequestOutcome activate(String eventId, ConnectorRequestReceived event, SourceAddress to, LicenseVerdict verdict) {
        if (!processed.firstTime(eventId, TYPE)) {
            return RequestOutcome.DUPLICATE;
        }
        ActivationRequest request = event.getActivate();
        long keyId = Integer.toUnsignedLong(event.getKeyId());
        ActivationResult.Builder result = ActivationResult.newBuilder().setServerVersion(config.serverVersion());
        Optional<StoredKey> authenticating = keys.valid(keyId, KeyPurpose.CONNECTOR);
        RequestOutcome outcome;
        if (verdict instanceof LicenseVerdict.Unavailable unavailable) {
            result.setActivated(false).setDetail("licensing-service unavailable, try again (" + unavailable.detail() + "); nothing changed");
            outcome = RequestOutcome.LICENSING_UNAVAILABLE;
        } else if (verdict instanceof LicenseVerdict.Invalid invalid) {
            result.setActivated(false).setDetail("not activated: " + invalid.detail() + "; nothing changed");
            outcome = RequestOutcome.REFUSED;
        } else if (authenticating.isEmpty()) {
            result.setActivated(false).setDetail(unknownKey(keyId));
            outcome = RequestOutcome.UNKNOWN_KEY;
        } else {
            String customer = ((LicenseVerdict.Valid) verdict).customer();
            Optional<Activated> current = activations.current();
            if (current.isPresent() && request.getLicenseKey().equals(current.get().licenseKey())) {
                Activated was = current.get();
                result.setActivated(true).setCustomer(was.customer())
                        .setFleetKeyId(currentId(KeyPurpose.FLEET))
                        .setDetail("already activated as " + was.serverName() + " (" + was.serverIp() + ") at " + was.activatedAt()
                                + " with this license key: no new key is sent (the shared key is shown once; "
                                + "`cascade connector rotate-key` makes a new one)");
                outcome = RequestOutcome.ALREADY_ACTIVATED;
            } else {
                activateWith(request, customer, keyId, authenticating.get(), result);
                outcome = RequestOutcome.ACTIVATED;
            }
        }
        reply(Datagrams.toConnector(eventId, event.getConnectorId(), to,
                keyId, MessageType.ACTIVATION_RESULT, result.build()));
        return outcome;
    }

    private void activateWith(ActivationRequest request, String customer, long keyId, StoredKey authenticating,
            ActivationResult.Builder result) {
        Instant now = Instant.now(clock);
        activations.record(new Activated(request.getServerName(), request.getServerIp(), customer, request.getLicenseKey(), now));
        Rotation connector = keys.rotate(KeyPurpose.CONNECTOR);
        Rotation fleet = keys.rotate(KeyPurpose.FLEET);
        long validUntil = validUntil(keyId);
        int sent = clients.sendToAll(fleet.created(), request.getServerName());
        ServerActivated activated = ServerActivated.newBuilder().setEventId(java.util.UUID.randomUUID().toString())
                .setServerName(request.getServerName()).setServerIp(request.getServerIp()).setActivatedAtUnixMs(now.toEpochMilli())
                .setCustomer(customer).setFleetKeyId((int) fleet.created().id()).setConnectorKeyId((int) connector.created().id())
                .build();
        outbox.append(Topics.ACTIVATION_EVENTS, Topics.ACTIVATION_EVENTS_KEY, activated.getEventId(), activated);
        result.setActivated(true).setCustomer(customer).setClientsActivated(sent)
                .setSharedKey(KeyWrap.wrap(connector.created().toWireKey(), authenticating.toWireKey()))
                .setFleetKeyId((int) fleet.created().id()).setPreviousKeyValidUntilUnixMs(validUntil)
                .setDetail("activated as " + request.getServerName() + " (" + request.getServerIp() + ") for " + customer
                        + ": new shared security key " + connector.created().id() + " (sent this once), fleet key "
                        + fleet.created().id() + " sent to " + sent + " clients; key " + keyId + " verifies until "
                        + Instant.ofEpochMilli(validUntil));
    }

    @Transactional
    public RequestOutcome status(String eventId, ConnectorRequestReceived event, SourceAddress to, Optional<Usage> usage) {
        if (!processed.firstTime(eventId, TYPE)) {
            return RequestOutcome.DUPLICATE;
        }
        Instant now = Instant.now(clock);
        ServerStatus.Builder status = ServerStatus.newBuilder().setServerVersion(config.serverVersion())
                .setActiveClients(ClientEntity.count("lastSeenAt >= ?1", now.minus(config.heartbeatTtl())))
                .setSupportedClientVersions(range(config.supportedClientVersions()).toProto())
                .setSupportedConnectorVersions(range(config.supportedConnectorVersions()).toProto())
                .setConnectorKeyId(currentId(KeyPurpose.CONNECTOR))
                .setFleetKeyId(currentId(KeyPurpose.FLEET));
        usage.ifPresent(u -> status.setSeatsUsed(u.getSeatsUsed()).setSeatsPurchased(u.getSeatsPurchased()));
        activations.current().ifPresent(a -> status.setActivated(true).setServerName(a.serverName()).setServerIp(a.serverIp())
                .setActivatedAtUnixMs(a.activatedAt().toEpochMilli()).setCustomer(nullToEmpty(a.customer())));
        reply(Datagrams.toConnector(eventId, event.getConnectorId(), to,
                Integer.toUnsignedLong(event.getKeyId()), MessageType.SERVER_STATUS, status.build()));
        return RequestOutcome.ANSWERED;
    }

    @Transactional
    public RequestOutcome rotateSharedKey(String eventId, ConnectorRequestReceived event, SourceAddress to) {
        if (!processed.firstTime(eventId, TYPE)) {
            return RequestOutcome.DUPLICATE;
        }
        long keyId = Integer.toUnsignedLong(event.getKeyId());
        Optional<StoredKey> authenticating = keys.valid(keyId, KeyPurpose.CONNECTOR);
        KeyRotationResult.Builder result = KeyRotationResult.newBuilder();
        RequestOutcome outcome;
        if (activations.current().isEmpty()) {
            result.setRotated(false).setDetail("the server is not activated: activate it first (ACTIVATE, `cascade connector activate`); "
                    + "no key was made");
            outcome = RequestOutcome.NOT_ACTIVATED;
        } else if (authenticating.isEmpty()) {
            result.setRotated(false).setDetail(unknownKey(keyId));
            outcome = RequestOutcome.UNKNOWN_KEY;
        } else {
            Rotation rotation = keys.rotate(KeyPurpose.CONNECTOR);
            long validUntil = validUntil(keyId);
            result.setRotated(true).setSharedKey(KeyWrap.wrap(rotation.created().toWireKey(), authenticating.get().toWireKey()))
                    .setPreviousKeyValidUntilUnixMs(validUntil)
                    .setDetail("new shared security key " + rotation.created().id() + "; key " + keyId + " verifies until "
                            + Instant.ofEpochMilli(validUntil));
            outcome = RequestOutcome.ROTATED;
        }
        reply(Datagrams.toConnector(eventId, event.getConnectorId(), to,
                keyId, MessageType.KEY_ROTATION_RESULT, result.build()));
        return outcome;
    }

    private void reply(OutboundDatagram datagram) {
        outbox.append(Topics.GATEWAY_OUTBOUND, datagram.getDestinationId(), datagram.getEventId(), datagram);
    }

    private int currentId(KeyPurpose family) {
        return keys.current(family).map(k -> (int) k.id()).orElse(0);
    }

    /** The end of the grace period of connector key {@code keyId} (just retired, or retired before). */
    private long validUntil(long keyId) {
        return keys.valid(keyId, KeyPurpose.CONNECTOR).map(StoredKey::retiredUntil).map(Instant::toEpochMilli).orElse(0L);
    }

    private static String unknownKey(long keyId) {
        return "the request was authenticated with connector key " + keyId + ", which activation-service does not hold "
                + "(its grace period ended, or the gateway reads another key file): nothing changed";
    }

    private static VersionRange range(ActivationConfig.Range range) {
        return new VersionRange(range.min(), range.max());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
