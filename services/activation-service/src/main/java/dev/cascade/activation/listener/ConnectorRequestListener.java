package dev.cascade.activation.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.activation.client.LicenseCheck;
import dev.cascade.activation.client.LicenseVerdict;
import dev.cascade.activation.service.ConnectorDesk;
import dev.cascade.activation.service.RequestOutcome;
import dev.cascade.activation.service.SourceAddress;
import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.ConnectorRequestReceived;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The connector's ACTIVATE, STATUS_REQUEST and KEY_ROTATION_REQUEST (APP_METADATA on the same topic is
 * metadata-service's and skipped), answered once per event id through the outbox. licensing-service
 * is asked first, outside the transaction; when it does not answer after its retries the ACTIVATE is
 * answered "licensing-service unavailable, try again" and counts as handled: the connector's next
 * ACTIVATE is a new event and asks again, while this partition is never held up. An event that cannot
 * be read goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ConnectorRequestListener {

    public static final String CHANNEL = "connector-requests";
    private static final Logger LOG = Logger.getLogger(ConnectorRequestListener.class);

    @Inject
    ConnectorDesk desk;

    @Inject
    LicenseCheck licensing;

    @Inject
    MeterRegistry registry;

    @Incoming(CHANNEL)
    @Blocking
    public void onRequest(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventHeaders.required(record.headers(), EventHeaders.EVENT_ID);
        ConnectorRequestReceived event = ConnectorRequestReceived.parseFrom(record.value());
        String type = switch (event.getRequestCase()) {
            case ACTIVATE -> "activate";
            case STATUS -> "status";
            case KEY_ROTATION -> "key_rotation";
            default -> null;
        };
        if (type == null) {
            LOG.debugf("ConnectorRequestReceived %s carries %s: not activation-service's", eventId, event.getRequestCase());
            return;
        }
        if (event.getConnectorId().isBlank() || event.getKeyId() == 0) {
            throw new IllegalArgumentException("ConnectorRequestReceived " + eventId + " lacks connector_id or key_id");
        }
        SourceAddress to = SourceAddress.parse(event.getSourceAddress());
        RequestOutcome outcome;
        if (desk.handledBefore(eventId)) {
            outcome = RequestOutcome.DUPLICATE;
        } else {
            outcome = switch (event.getRequestCase()) {
                case ACTIVATE -> {
                    LicenseVerdict verdict = licensing.validate(event.getActivate().getLicenseKey());
                    yield desk.activate(eventId, event, to, verdict);
                }
                case STATUS -> desk.status(eventId, event, to, licensing.usage());
                default -> desk.rotateSharedKey(eventId, event, to);
            };
        }
        registry.counter("cascade_activation_requests_total", "type", type, "outcome", outcome.tag()).increment();
        LOG.infof("connector request %s (%s from %s, key %d): %s", eventId, type, event.getSourceAddress(),
                Integer.toUnsignedLong(event.getKeyId()), outcome.tag());
    }
}
