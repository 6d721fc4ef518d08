package dev.cascade.wire.large;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

class FragmentBitmapTest {

    @Test
    void bitIIsBitIModulo8OfByteIDividedBy8LeastSignificantFirst() {
        FragmentBitmap bitmap = new FragmentBitmap(20);
        bitmap.set(0);
        bitmap.set(9);
        bitmap.set(15);

        assertThat(bitmap.toWire().toByteArray()).containsExactly(0x01, 0x82);
        FragmentBitmap read = FragmentBitmap.fromWire(20, ByteString.copyFrom(new byte[] {0x01, (byte) 0x82, 0x00}));
        assertThat(read.held()).isEqualTo(3);
        assertThat(read.get(9)).isTrue();
        assertThat(read.nextMissing(0)).isEqualTo(1);
    }

    @Test
    void ignoresBitsBeyondTheFragmentCount() {
        FragmentBitmap read = FragmentBitmap.fromWire(3, ByteString.copyFrom(new byte[] {(byte) 0xFF, (byte) 0xFF}));

        assertThat(read.held()).isEqualTo(3);
        assertThat(read.complete()).isTrue();
        assertThat(read.nextMissing(0)).isEqualTo(-1);
    }
}
