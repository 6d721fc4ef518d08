package dev.cascade.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.contracts.v1.Register;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.WireKey;

class PeerRegisteredRecordsTest {

    private static final UUID DEVICE = UUID.fromString("6f1c0d6e-5a4b-4c3d-8e2f-1a2b3c4d5e6f");

    @Test
    void theEventIdIsTheSameForTheSameDatagramAndDiffersForAnyOther() {
        String id = PeerRegisteredRecords.eventId(header(DEVICE, 10, 1000));

        assertThat(PeerRegisteredRecords.eventId(header(DEVICE, 10, 1000))).isEqualTo(id);
        assertThat(PeerRegisteredRecords.eventId(header(DEVICE, 11, 1000))).isNotEqualTo(id);
        assertThat(PeerRegisteredRecords.eventId(header(DEVICE, 10, 1001))).isNotEqualTo(id);
        assertThat(PeerRegisteredRecords.eventId(header(UUID.randomUUID(), 10, 1000))).isNotEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(3);
    }

    @Test
    void theRecordIsKeyedByDeviceAndCarriesTheEventHeaders() throws Exception {
        Register register = Register.newBuilder().setHostname("pc-7").setIpAddress("2001:db8::7").setPrefixLength(64)
                .setClientVersion("1.2.3").build();
        WireKey key = new WireKey(4, KeyPurpose.FLEET, new byte[32], null);
        InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 34324);
        AcceptedDatagram pending = new AcceptedDatagram(header(DEVICE, 10, 1000), MessageType.REGISTER, register, key,
                source, 2000, 0, Optional.empty());
        PeerRegisteredRecords records = new PeerRegisteredRecords("gw-1");

        PeerRegistered event = records.event(pending);
        ProducerRecord<String, byte[]> record = records.record(pending);

        assertThat(record.topic()).isEqualTo(Topics.PEER_REGISTRATIONS);
        assertThat(record.key()).isEqualTo(DEVICE.toString());
        assertThat(header(record, EventHeaders.EVENT_ID)).isEqualTo(event.getEventId());
        assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("cascade.v1.PeerRegistered");
        PeerRegistered decoded = PeerRegistered.parseFrom(record.value());
        assertThat(decoded.getEventId()).isEqualTo(PeerRegisteredRecords.eventId(pending.header()));
        assertThat(decoded.getDeviceId()).isEqualTo(DEVICE.toString());
        assertThat(decoded.getRegistration()).isEqualTo(register);
        assertThat(decoded.getSourceAddress()).isEqualTo("[2001:db8:0:0:0:0:0:7]:34324");
        assertThat(decoded.getReceivedAtUnixMs()).isEqualTo(2000);
        assertThat(decoded.getSentAtUnixMs()).isEqualTo(1000);
        assertThat(decoded.getKeyId()).isEqualTo(4);
        assertThat(decoded.getGatewayId()).isEqualTo("gw-1");
    }

    @Test
    void anIpv4SourceIsIpColonPort() throws Exception {
        assertThat(PeerRegisteredRecords.addressText(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 34324)))
                .isEqualTo("10.1.2.3:34324");
    }

    private static Header header(UUID sender, long sequence, long timestamp) {
        return new Header(1, 1, 0, sender, 4, sequence, timestamp, 0);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
