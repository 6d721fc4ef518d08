package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.Register;

/** Keeps docs/protocol.md §9 true: the documented bytes are what this implementation produces and accepts. */
class ProtocolExampleTest {

    private static final Path DOC = Path.of("../../docs/protocol.md");

    @Test
    void theWorkedExampleInTheProtocolDocumentMatchesTheImplementation() throws IOException {
        String doc = Files.readString(DOC);
        byte[] header = block(doc, "header");
        byte[] payload = block(doc, "payload");
        byte[] tag = block(doc, "tag");

        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) i;
        }
        WireKey key = new WireKey(1, KeyPurpose.FLEET, secret, null);
        assertThat(doc).contains(key.format());
        Register register = Register.newBuilder().setHostname("pc-0042").setIpAddress("10.1.2.3").setPrefixLength(24)
                .setDeviceClass(DeviceClass.DEVICE_CLASS_DESKTOP).setOsType(OsType.OS_TYPE_WORKSTATION)
                .setFreeStorageBytes(53_687_091_200L).setUsableStorageBytes(10_737_418_240L)
                .setBootTimeUnixMs(1_795_651_200_000L).setClientVersion("1.0.0").build();
        byte[] encoded = DatagramCodec.encode(MessageType.REGISTER, UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"),
                key, 1_795_680_000_000_000L, 1_795_680_000_000L, register.toByteArray());

        assertThat(Arrays.copyOfRange(encoded, 0, Header.SIZE)).isEqualTo(header);
        assertThat(Arrays.copyOfRange(encoded, Header.SIZE, Header.SIZE + payload.length)).isEqualTo(payload);
        assertThat(Arrays.copyOfRange(encoded, Header.SIZE + payload.length, encoded.length)).isEqualTo(tag);

        DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(4), Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochMilli(1_795_680_000_000L), ZoneOffset.UTC), Set.of(MessageType.REGISTER));
        assertThat(verifier.verify(encoded, encoded.length)).isInstanceOf(Verification.Accepted.class);
    }

    private static byte[] block(String doc, String name) {
        Matcher m = Pattern.compile("<!-- example:" + name + " -->\\s*```\\s*\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("docs/protocol.md has the example:%s block", name).isTrue();
        return HexFormat.of().parseHex(m.group(1).replaceAll("\\s+", ""));
    }
}
