package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The header parser on any bytes and any claimed length: never throws, and what it accepts is self-consistent. */
class HeaderParserFuzzTest {

    @FuzzTest
    void parseHeader(FuzzedDataProvider data) {
        boolean wholeArray = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        int length = wholeArray ? bytes.length : Math.min(bytes.length, Math.max(0, bytes.length - 1));

        Verification parsed = DatagramCodec.parseHeader(bytes, length);

        if (parsed instanceof Verification.Accepted accepted) {
            Header header = accepted.datagram().header();
            assertThat(length).isBetween(Header.SIZE + Header.TAG_SIZE, DatagramCodec.MAX_DATAGRAM_SIZE);
            assertThat(header.version()).isEqualTo(DatagramCodec.PROTOCOL_VERSION);
            assertThat(header.payloadLength()).isEqualTo(length - Header.SIZE - Header.TAG_SIZE);
            assertThat(header.typeCode()).isBetween(0, 255);
            assertThat(header.keyId()).isBetween(0L, 0xFFFF_FFFFL);
        } else {
            assertThat(((Verification.Dropped) parsed).header()).isNull();
        }
    }
}
